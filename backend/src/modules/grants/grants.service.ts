import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { decodeCursor } from '../../common/pagination/cursor.js';
import { pageOf, type Page } from '../../common/pagination/page.js';
import { missingCells, readTable, refuseIfInvalid, type RowError } from '../../common/import/table-import.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { unusablePasswordHash } from '../identity/password.js';
import { byNamesPath } from '../regions/region-import.js';
import { selectLiveRegions } from '../regions/regions.sql.js';
import { GrantDto, GrantInputDto, type GrantListQueryDto, StaffImportResultDto } from './dto/grants.dto.js';
import * as sql from './grants.sql.js';
import type { GrantRegion } from './grants.sql.js';
import { planStaffImport, STAFF_IMPORT_COLUMNS } from './staff-import.js';
import { APART_ROLES, DIRECTOR_GRANTS, GRANT_LEVELS, type GrantableRole } from './grant-rules.js';

/** A grant to make: the input of the API or of one import row. */
export type GrantRequest = Pick<GrantInputDto, 'email' | 'displayName' | 'role' | 'categoryCodes'> & {
  startsAt?: Date;
  endsAt?: Date;
};

/**
 * Street and community roles given by people (PRODUCT §1): a platform admin grants street roles,
 * a street director staffs its own street (officers, finance, community staff, evaluators). Each grant has a scope, a granter,
 * a start and an optional end, and is revoked, never deleted. People are named by e-mail: a new
 * address gets an account and a mailed link to set its own password; a grant by someone takes
 * effect only once its holder's address is verified (the view `role_memberships`).
 */
@Injectable()
export class GrantsService {
  private readonly logger = new Logger(GrantsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  /** The grants on a region and inside it, with their history, for whoever may grant there. */
  async list(
    user: AuthUser,
    regionId: string,
    query: GrantListQueryDto = { limit: 100 },
  ): Promise<Page<GrantDto>> {
    const region = await this.region(this.dataSource.manager, regionId);
    await this.access.requireRegion(user, ['street_director'], regionId); // platform admins pass
    const after = query.cursor
      ? decodeCursor(query.cursor, ['text', 'number', 'text', 'text', 'timestamp', 'uuid'])
      : null;
    const rows = await sql.selectGrantsWithin(this.dataSource, region.path, {
      after,
      limit: query.limit + 1,
      q: query.q,
    });
    return pageOf(
      rows,
      query.limit,
      (r) => [r.cursorPath, r.cursorRevoked, r.role, r.displayName, r.cursorAt, r.id],
      ({ cursorPath: _p, cursorRevoked: _r, cursorAt: _a, ...grant }) => grant,
    );
  }

  async grant(user: AuthUser, regionId: string, input: GrantRequest): Promise<GrantDto> {
    const { id } = await this.dataSource.transaction(async (m) =>
      this.grantIn(m, user, await this.region(m, regionId), input),
    );
    await this.mailGranted([id]);
    return this.view(id);
  }

  /**
   * Makes one grant inside the caller's transaction (the import makes many in one); the caller
   * mails it after the commit (mailGranted).
   */
  async grantIn(
    m: EntityManager,
    granter: AuthUser,
    region: GrantRegion,
    input: GrantRequest,
  ): Promise<{ id: string; newAccount: boolean }> {
    await this.requireMayGrant(granter, input.role, region);
    if (region.retired)
      throw new DomainError('reference.retired', `${region.name} is retired: nothing new is granted there`);
    const startsAt = input.startsAt ?? new Date();
    // History is not rewritten: a grant starts now or later (five minutes of clock skew allowed).
    if (startsAt.getTime() < Date.now() - 5 * 60_000)
      throw new DomainError('validation.failed', 'A grant cannot start in the past', { field: 'startsAt' });
    if (input.endsAt && input.endsAt <= startsAt)
      throw new DomainError('validation.failed', 'A grant must end after it starts', { field: 'endsAt' });
    const codes = input.categoryCodes ?? [];
    if (input.role === 'evaluator' && !codes.length)
      throw new DomainError('validation.failed', 'Name the categories the evaluator evaluates', {
        field: 'categoryCodes',
      });
    if (input.role !== 'evaluator' && codes.length)
      throw new DomainError('validation.failed', 'Only evaluators are granted categories', {
        field: 'categoryCodes',
      });
    if (codes.length) await requireLiveCategories(m, codes, 'categoryCodes');

    const holder = await this.holder(m, input);
    if (holder.id === granter.id)
      throw new DomainError('auth.forbidden', 'Nobody grants a role to themselves: ask another granter');
    await this.requireFree(m, holder.id, input.role, region, startsAt, input.endsAt ?? null);
    const id = await sql
      .insertGrant(m, {
        userId: holder.id,
        role: input.role,
        regionId: region.id,
        grantedBy: granter.id,
        startsAt,
        endsAt: input.endsAt ?? null,
      })
      .catch((err: unknown) => {
        throw grantConflict(err) ?? err;
      });
    if (codes.length) await sql.insertEvaluatorCategories(m, id, codes);
    await this.audit.recordChange(m, granter.id, 'role.granted', ['role_grant', id], {
      after: {
        userId: holder.id,
        email: holder.email,
        role: input.role,
        regionId: region.id,
        startsAt,
        endsAt: input.endsAt ?? null,
        categoryCodes: codes,
        newAccount: holder.created,
      },
    });
    return { id, newAccount: holder.created };
  }

  /**
   * The staff import: every row checked, then every grant made in one transaction, each behind a
   * savepoint so that a row the database refuses becomes that row's error; any error and nothing
   * is granted. Mails go after the commit.
   */
  async importStaff(user: AuthUser, file: { filename: string; data: Buffer }): Promise<StaffImportResultDto> {
    const rows = await readTable(file, STAFF_IMPORT_COLUMNS);
    const { grants, errors } = planStaffImport(rows, await this.liveRegionsByNames());
    refuseIfInvalid([...missingCells(rows, STAFF_IMPORT_COLUMNS), ...errors]);
    const made = await this.dataSource.transaction(async (m) => {
      const done: { id: string; newAccount: boolean }[] = [];
      const refused: RowError[] = [];
      for (const g of grants) {
        try {
          done.push(await sql.inSavepoint(m, () => this.grantIn(m, user, g.region, g.request)));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          refused.push({ line: g.line, message: err.message });
        }
      }
      refuseIfInvalid(refused);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'staff.imported',
        entityType: 'staff_import',
        entityId: randomUUID(),
        after: { file: file.filename, grants: done.map((d) => d.id) },
      });
      return done;
    });
    await this.mailGranted(made.map((d) => d.id));
    return { granted: made.length, invited: made.filter((d) => d.newAccount).length };
  }

  /** Live regions by their names path from the district ("示范区/阳光街道/春晖社区"), as import files name them. */
  private async liveRegionsByNames(): Promise<Map<string, GrantRegion>> {
    const live = await selectLiveRegions(this.dataSource);
    return byNamesPath(live.map((r) => ({ ...r, retired: false })));
  }

  async revoke(user: AuthUser, grantId: string, reason: string): Promise<GrantDto> {
    await this.dataSource.transaction(async (m) => {
      const grant = await sql.lockGrant(m, grantId);
      if (!grant?.region_id || !(grant.role in GRANT_LEVELS)) throw notFound('Grant', grantId);
      await this.requireMayGrant(user, grant.role, await this.region(m, grant.region_id));
      if (grant.revoked) throw new DomainError('state.invalid_transition', 'This grant is already revoked');
      await sql.revokeGrant(m, grantId, user.id, reason);
      await this.audit.recordChange(m, user.id, 'role.revoked', ['role_grant', grantId], {
        after: { reason },
      });
    });
    return this.view(grantId);
  }

  /** Mails each holder their new role (with a link to set a password while their address is unverified). */
  async mailGranted(grantIds: readonly string[]): Promise<void> {
    for (const grantId of grantIds)
      await this.jobs
        .add('mail.role_granted', { grantId }, { jobId: `mail.role_granted-${grantId}` })
        .catch((err: unknown) => this.logger.warn(`mail for grant ${grantId} not queued: ${String(err)}`));
  }

  async region(m: EntityManager, id: string): Promise<GrantRegion> {
    const region = await sql.selectGrantRegion(m, id);
    if (!region) throw notFound('Region', id);
    return region;
  }

  /** Platform admins grant every role; a street director DIRECTOR_GRANTS inside its street (evaluators on the street itself). */
  async requireMayGrant(user: AuthUser, role: GrantableRole, region: GrantRegion): Promise<void> {
    const levels = GRANT_LEVELS[role];
    if (!levels.includes(region.level))
      throw new DomainError(
        'validation.failed',
        `${role} is granted on a ${levels.join(' or ')}, not a ${region.level}`,
        {
          field: 'role',
        },
      );
    if (this.access.isPlatformAdmin(user)) return;
    if (!DIRECTOR_GRANTS.includes(role) || (role === 'evaluator' && region.level !== 'street'))
      throw new DomainError('auth.forbidden', `Only a platform admin grants ${role} here`);
    await this.access.requireRegion(user, ['street_director'], region.id);
  }

  private async view(id: string): Promise<GrantDto> {
    return (await sql.selectGrant(this.dataSource, id))!;
  }

  /** The account of the address (locked), or a new one whose owner sets the password by the mailed link. */
  private async holder(
    m: EntityManager,
    input: GrantRequest,
  ): Promise<{ id: string; email: string; created: boolean }> {
    const found = await sql.lockUserByEmail(m, input.email);
    if (found) return { ...found, created: false };
    const user = await sql.insertInvitedUser(
      m,
      input.email,
      input.displayName || input.email.split('@')[0].slice(0, 60),
      await unusablePasswordHash(),
    );
    return { ...user, created: true };
  }

  /**
   * Refuses a role the person already holds there, and finance with director of one street at
   * overlapping times (the database refuses both too; these say it in words). An ended grant of
   * the same role is closed at its end, so the role can be granted again.
   */
  private async requireFree(
    m: EntityManager,
    userId: string,
    role: GrantableRole,
    region: GrantRegion,
    startsAt: Date,
    endsAt: Date | null,
  ): Promise<void> {
    const same = await sql.selectSameGrants(m, userId, role, region.id);
    if (same.some((g) => !g.ended))
      throw new DomainError('state.conflict', `This person already holds ${role} for ${region.name}`);
    for (const g of same) await sql.closeEndedGrant(m, g.id);
    if (!APART_ROLES.includes(role)) return;
    if (await sql.holdsApartRole(m, userId, region.id, role, startsAt, endsAt))
      throw dutiesConflict(region.name);
  }
}

const dutiesConflict = (street: string) =>
  new DomainError(
    'grant.duties_conflict',
    `One person cannot be both street finance and street director of ${street}: they approve the same payments`,
  );

/** The database's own refusals of a grant, in words (for two grants racing past requireFree). */
function grantConflict(err: unknown): DomainError | null {
  if (!(err instanceof QueryFailedError)) return null;
  const { code, constraint } = err.driverError as { code?: string; constraint?: string };
  if (code === '23P01' && constraint === 'role_grants_finance_director_apart')
    return dutiesConflict('this street');
  if (code === '23505' && constraint?.startsWith('role_grants_'))
    return new DomainError('state.conflict', 'This person already holds this role here');
  return null;
}
