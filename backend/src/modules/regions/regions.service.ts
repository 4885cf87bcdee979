import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { missingCells, readTable, refuseIfInvalid } from '../../common/import/table-import.js';
import { planRegionImport, REGION_IMPORT_COLUMNS } from './region-import.js';
import { PARENT_LEVEL, type RegionLevel } from './region.entity.js';
import * as sql from './regions.sql.js';
import type { RegionRow, RegionView } from './regions.sql.js';

const NAME_INDEXES = ['regions_sibling_name_unique', 'regions_district_name_unique'];

const constraintOf = (err: unknown) =>
  (err as { driverError?: { code?: string; constraint?: string } }).driverError?.code === '23505'
    ? (err as { driverError: { constraint?: string } }).driverError.constraint
    : undefined;

const nameTaken = (name: string, parent: { name: string } | null) =>
  parent
    ? `${parent.name} already has a live region named ${name}`
    : `A live district named ${name} already exists`;

const invalid = (message: string, field: string) => new DomainError('validation.failed', message, { field });

/**
 * The region tree district → street → community → grid (PRODUCT §1), kept by platform admins.
 * Regions are renamed, moved and retired, never deleted: whatever names a retired region keeps
 * resolving it. Changes are serialized by one advisory lock (they are rare), so the tree a change
 * reads is the tree it writes; the rows changed are locked too, and the parent named is locked
 * against a concurrent retirement.
 */
@Injectable()
export class RegionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The tree in path order; live regions only unless asked. */
  list(includeRetired = false): Promise<RegionView[]> {
    return sql.selectRegions(this.dataSource, includeRetired);
  }

  async create(
    user: AuthUser,
    input: { name: string; level: RegionLevel; parentId?: string | null },
  ): Promise<RegionView> {
    return this.change(async (m) => {
      const parent = await this.parentFor(m, input.level, input.parentId ?? null);
      const id = randomUUID();
      await this.naming(nameTaken(input.name, parent), () =>
        sql.insertRegion(m, {
          id,
          name: input.name,
          level: input.level,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
        }),
      );
      return this.recorded(m, user, 'region.created', id);
    });
  }

  /**
   * Renames and/or moves a live region. A move keeps the level (the new parent is a live region of
   * the level above) and rewrites the path of the region and its whole subtree in one statement; a
   * street moved to another district takes its organizations' district along.
   */
  async update(
    user: AuthUser,
    id: string,
    input: { name?: string; parentId?: string },
    expectedVersion?: number,
  ): Promise<RegionView> {
    return this.change(async (m) => {
      const region = await this.lock(m, id);
      requireVersion(expectedVersion, region.version);
      if (region.retired_at)
        throw new DomainError('state.conflict', `${region.name} is retired and can no longer change`);
      const before = await this.view(m, id);
      const name = input.name ?? region.name;
      const moving = input.parentId !== undefined && input.parentId !== region.parent_id;
      if (!moving && name === region.name) return before; // nothing to change, nothing to record
      if (moving) {
        const parent = await this.parentFor(m, region.level, input.parentId!);
        await this.naming(nameTaken(name, parent), () =>
          sql.moveRegion(m, {
            id,
            oldPath: region.path,
            newPath: `${parent!.path}${id}/`,
            parentId: parent!.id,
            name,
          }),
        );
        if (region.level === 'street') await this.moveOrganizations(m, id, parent!.id);
      } else {
        const parent = region.parent_id ? await sql.selectRegionName(m, region.parent_id) : null;
        await this.naming(nameTaken(name, parent ?? null), () => sql.renameRegion(m, id, name));
      }
      return this.recorded(m, user, moving ? 'region.moved' : 'region.renamed', id, before);
    });
  }

  /** Retires a live region that has no live children left. Nothing is deleted. */
  async retire(user: AuthUser, id: string): Promise<RegionView> {
    return this.change(async (m) => {
      const region = await this.lock(m, id);
      if (region.retired_at) throw new DomainError('state.conflict', `${region.name} is already retired`);
      const n = await sql.countLiveChildren(m, id);
      if (n)
        throw new DomainError(
          'retire.live_children',
          `${region.name} still has ${n} live region(s) under it: retire or move them first`,
          { children: n },
        );
      await sql.retireRegion(m, id);
      return this.recorded(m, user, 'region.retired', id, { retiredAt: null });
    });
  }

  /**
   * Imports regions from the template (XLSX or CSV): every row is checked first, and either all of
   * them are created in one transaction or, on any row error, none (422 naming every bad row).
   */
  async import(user: AuthUser, file: { filename: string; data: Buffer }): Promise<{ created: number }> {
    const rows = await readTable(file, REGION_IMPORT_COLUMNS);
    return this.change(async (m) => {
      const { errors, regions } = planRegionImport(rows, await sql.selectLiveRegions(m));
      refuseIfInvalid([...missingCells(rows, REGION_IMPORT_COLUMNS), ...errors]);
      const created = new Set(regions.map((r) => r.id));
      const parents = [...new Set(regions.map((r) => r.parentId).filter((p) => p && !created.has(p)))];
      await sql.shareLockRegions(m, parents as string[]);
      await this.naming(
        'A region of this import clashes with a live region created meanwhile; try again',
        () => sql.insertRegions(m, regions),
      );
      const importId = randomUUID();
      await this.audit.recordChange(m, user.id, 'regions.imported', ['region_import', importId], {
        after: {
          fileName: file.filename,
          created: regions.length,
          regions: regions.map(({ id, name, level, parentId }) => ({ id, name, level, parentId })),
        },
      });
      return { created: regions.length };
    });
  }

  /** Reads the region as changed, audits the change (with what it replaced) and answers it. */
  private async recorded(
    m: EntityManager,
    user: AuthUser,
    action: string,
    id: string,
    before?: object,
  ): Promise<RegionView> {
    const after = await this.view(m, id);
    await this.audit.record(m, {
      actorId: user.id,
      action,
      entityType: 'region',
      entityId: id,
      ...(before ? { before } : {}),
      after,
    });
    return after;
  }

  private change<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await sql.lockRegionTree(m);
      return work(m);
    });
  }

  private async lock(m: EntityManager, id: string): Promise<RegionRow> {
    const region = await sql.lockRegion(m, id, 'UPDATE');
    if (!region) throw notFound('Region', id);
    return region;
  }

  /** The parent a region of `level` may have: none for a district, else a live region one level up (locked). */
  private async parentFor(
    m: EntityManager,
    level: RegionLevel,
    parentId: string | null,
  ): Promise<RegionRow | null> {
    const wanted = PARENT_LEVEL[level];
    if (wanted === null) {
      if (parentId) throw invalid('A district has no parent', 'parentId');
      return null;
    }
    if (!parentId) throw invalid(`A ${level} needs a parent ${wanted}`, 'parentId');
    const parent = await sql.lockRegion(m, parentId, 'SHARE');
    if (!parent) throw invalid('parentId names no region', 'parentId');
    if (parent.level !== wanted)
      throw invalid(`The parent of a ${level} must be a ${wanted}, not a ${parent.level}`, 'parentId');
    if (parent.retired_at)
      throw new DomainError(
        'reference.retired',
        `${parent.name} is retired: nothing new can be placed in it`,
        {
          field: 'parentId',
          id: parent.id,
        },
      );
    return parent;
  }

  /** Runs a write that names a region, turning a clash with a live sibling's name into a clear 409. */
  private async naming<T>(clash: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      const constraint = constraintOf(err);
      if (constraint && NAME_INDEXES.includes(constraint))
        throw new DomainError('region.name_taken', clash, { field: 'name' });
      throw err;
    }
  }

  /** Organizations homed in a moved street now belong to its new district (one verified name per district). */
  private async moveOrganizations(m: EntityManager, streetId: string, districtId: string): Promise<void> {
    try {
      await sql.moveStreetOrganizations(m, streetId, districtId);
    } catch (err) {
      if (constraintOf(err) !== 'organizations_verified_name_unique') throw err;
      throw new DomainError(
        'organization.name_taken',
        'A verified organization of this street has the same name as one of the new district: the street cannot move there',
      );
    }
  }

  private async view(m: EntityManager, id: string): Promise<RegionView> {
    return (await sql.selectRegion(m, id))!;
  }
}
