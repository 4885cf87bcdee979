import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import * as sql from './catalog.sql.js';
import type { CategoryView } from './catalog.sql.js';

/**
 * The purchase-of-service catalog (PRODUCT §3), kept by platform admins. Adding or retiring an
 * entry publishes a new catalog version (the highest since/retired version + 1); codes are never
 * deleted nor reused, so tenders, organizations and needs that name a retired entry still show it.
 * Changes are serialized by one advisory lock, so two never take the same version number.
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(includeRetired = false): Promise<CategoryView[]> {
    return sql.selectCategories(this.dataSource, includeRetired);
  }

  async create(
    user: AuthUser,
    input: { code: string; parentCode?: string; nameZh: string; nameEn: string; sortOrder?: number },
  ): Promise<CategoryView> {
    const dot = input.code.lastIndexOf('.');
    const parentCode = dot < 0 ? null : input.code.slice(0, dot);
    if ((input.parentCode ?? null) !== parentCode)
      throw new DomainError(
        'validation.failed',
        parentCode
          ? `The parent of ${input.code} is ${parentCode}: a child's code is its parent's code, '.', and one more segment`
          : `${input.code} has no '.': it is a top-level code, without parentCode`,
        { field: 'parentCode' },
      );
    return this.change(async (m, version) => {
      if (parentCode) {
        const [parent] = await sql.shareLockCategories(m, [parentCode]);
        if (!parent)
          throw new DomainError('validation.failed', `parentCode ${parentCode} is not in the catalog`, {
            field: 'parentCode',
          });
        if (parent.retired)
          throw new DomainError(
            'reference.retired',
            `${parentCode} is retired: nothing new can be added under it`,
            {
              field: 'parentCode',
              codes: [parentCode],
            },
          );
      }
      const entry = { ...input, parentCode, sortOrder: input.sortOrder ?? null };
      if (!(await sql.insertCategory(m, entry, version))) {
        const taken = (await sql.selectCategory(m, input.code))!;
        throw new DomainError(
          'catalog.code_taken',
          taken.retiredAt
            ? `${input.code} belonged to an entry retired in version ${taken.retiredInVersion}: codes are never reused`
            : `${input.code} is already in the catalog`,
          { field: 'code' },
        );
      }
      const after = (await sql.selectCategory(m, input.code))!;
      await this.record(m, user, 'catalog.created', input.code, undefined, { ...after, version });
      return after;
    });
  }

  /**
   * Renames or reorders a live entry. Its code, and so what tenders and organizations refer to,
   * stays the same: the catalog version does not change.
   */
  async update(
    user: AuthUser,
    code: string,
    input: { nameZh?: string; nameEn?: string; sortOrder?: number },
    expectedVersion?: number,
  ): Promise<CategoryView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.lockLive(m, code, 'retired and can no longer change', expectedVersion);
      await sql.updateCategory(m, code, input);
      const after = (await sql.selectCategory(m, code))!;
      await this.record(m, user, 'catalog.updated', code, before, after);
      return after;
    });
  }

  /** Retires a live entry without live children: a new catalog version without it. */
  async retire(user: AuthUser, code: string): Promise<CategoryView> {
    return this.change(async (m, version) => {
      const before = await this.lockLive(m, code, 'already retired');
      const n = await sql.countLiveChildren(m, code);
      if (n)
        throw new DomainError(
          'retire.live_children',
          `${code} still has ${n} live entr${n === 1 ? 'y' : 'ies'} under it: retire them first`,
          { children: n },
        );
      await sql.retireCategory(m, code, version);
      const after = (await sql.selectCategory(m, code))!;
      await this.record(m, user, 'catalog.retired', code, before, { ...after, version });
      return after;
    });
  }

  /** A catalog change in its transaction, holding the catalog lock, with the version it publishes. */
  private change<T>(work: (m: EntityManager, version: number) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await sql.lockCatalog(m);
      return work(m, (await sql.selectCatalogVersion(m)) + 1);
    });
  }

  /** The entry locked for a change; a retired one no longer changes. */
  private async lockLive(
    m: EntityManager,
    code: string,
    retired = 'retired and can no longer change',
    expectedVersion?: number,
  ) {
    const row = await sql.selectCategory(m, code, true);
    if (!row) throw notFound('Catalog entry', code);
    requireVersion(expectedVersion, row.version);
    if (row.retiredAt) throw new DomainError('state.conflict', `${code} is ${retired}`);
    return row;
  }

  private record(
    m: EntityManager,
    user: AuthUser,
    action: string,
    code: string,
    before: CategoryView | undefined,
    after: object,
  ) {
    return this.audit.record(m, {
      actorId: user.id,
      action,
      entityType: 'service_category',
      entityId: code,
      ...(before ? { before } : {}),
      after,
    });
  }
}
