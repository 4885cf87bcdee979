import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { keyedPage, pageStart, timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import {
  AdmissionItemDto,
  AdmissionItemInputDto,
  CommunityTaskDto,
  NeedDto,
  NeedsQueryDto,
  PostNeedDto,
  PushTaskDto,
  TriageDto,
} from './dto/needs.dto.js';
import * as sql from './needs.sql.js';

/** Roles that see a community's needs board. */
const BOARD_ROLES = ['resident', 'community_staff', 'street_officer'] as const;

/** The needs list (需求清单) and the task admission list (准入清单), PRODUCT §3. */
@Injectable()
export class NeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async post(user: AuthUser, dto: PostNeedDto): Promise<NeedDto> {
    await this.access.requireRegion(user, ['resident', 'community_staff'], dto.communityId);
    return this.dataSource.transaction(async (m) => {
      await requireLiveCategories(m, [dto.categoryCode], 'categoryCode');
      await requireLiveRegions(m, [dto.communityId], { level: 'community', field: 'communityId' });
      const id = await sql.insertNeed(m, { ...dto, postedBy: user.id });
      await this.audit.recordChange(m, user.id, 'need.posted', ['need', id], {
        after: { ...dto },
      });
      return this.one(m, id, user.id);
    });
  }

  /** One need, for those who see its community's board. */
  async get(user: AuthUser, needId: string): Promise<NeedDto> {
    const need = await this.one(this.dataSource, needId, user.id);
    await this.access.requireRegion(user, BOARD_ROLES, need.communityId);
    return need;
  }

  /** A page of the community's board, most upvoted first. */
  async board(user: AuthUser, communityId: string, query: NeedsQueryDto): Promise<Page<NeedDto>> {
    await this.access.requireRegion(user, BOARD_ROLES, communityId);
    const rows = await sql.needsOfCommunity(this.dataSource, user.id, communityId, {
      status: query.status ?? null,
      after: pageStart<[number, string, string]>(query.cursor, ['number', 'timestamp', 'uuid']),
      limit: query.limit + 1,
    });
    return keyedPage(rows, query.limit, (r) => [r.upvotes, r.k, r.id]);
  }

  /** One upvote per resident: the primary key settles concurrent clicks, the counter moves only on a new row. */
  async upvote(user: AuthUser, needId: string): Promise<NeedDto> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, needId);
      await this.access.requireRegion(user, ['resident'], need.community_id, m);
      if (need.status !== 'open' && need.status !== 'accepted')
        throw new DomainError('state.invalid_transition', `A ${need.status} need takes no more votes`);
      await sql.addUpvote(m, needId, user.id);
      return this.one(m, needId, user.id);
    });
  }

  async triage(user: AuthUser, needId: string, dto: TriageDto): Promise<NeedDto> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, needId);
      await this.access.requireRegion(user, ['community_staff'], need.community_id, m);
      if (need.status !== 'open')
        throw new DomainError('state.invalid_transition', `The need was already ${need.status}`);
      const status = dto.decision === 'accept' ? 'accepted' : 'declined';
      await sql.setTriage(m, needId, status, dto.reason ?? null);
      await this.audit.record(m, {
        actorId: user.id,
        action: `need.${status}`,
        entityType: 'need',
        entityId: needId,
        before: { status: 'open' },
        after: { status, reason: dto.reason ?? null },
      });
      return this.one(m, needId, user.id);
    });
  }

  /**
   * Marks accepted needs of the tender's street as addressed by it; called by the tender service
   * inside the publishing transaction.
   */
  async addressBy(
    m: EntityManager,
    actorId: string,
    tenderId: string,
    streetId: string,
    needIds: string[],
  ): Promise<void> {
    if (needIds.length === 0) return;
    const rows = await sql.lockNeedsWithStreet(m, needIds);
    const bad = needIds.filter(
      (id) => !rows.some((r) => r.id === id && r.status === 'accepted' && r.street_id === streetId),
    );
    if (bad.length) {
      throw new DomainError(
        'validation.failed',
        "Only accepted needs of communities in the tender's street can be linked",
        { field: 'needIds', needIds: bad },
      );
    }
    await sql.markAddressed(m, needIds, tenderId);
    for (const id of needIds) {
      await this.audit.record(m, {
        actorId,
        action: 'need.addressed',
        entityType: 'need',
        entityId: id,
        before: { status: 'accepted' },
        after: { status: 'addressed', tenderId },
      });
    }
  }

  /**
   * Needs a consultation's resolution puts on the needs list (docs/participation.md): posted by the
   * staff member who closed it and accepted at once, since the residents decided them. Called
   * inside the closing transaction; returns the new needs' ids.
   */
  async postResolved(
    m: EntityManager,
    actorId: string,
    communityId: string,
    needs: { categoryCode: string; title: string; text: string }[],
  ): Promise<string[]> {
    if (needs.length === 0) return [];
    await requireLiveCategories(m, [...new Set(needs.map((n) => n.categoryCode))], 'needs.categoryCode');
    const ids: string[] = [];
    for (const need of needs) {
      const id = await sql.insertNeed(m, { ...need, communityId, postedBy: actorId });
      await sql.setTriage(m, id, 'accepted', null);
      await this.audit.recordChange(m, actorId, 'need.resolved', ['need', id], {
        after: { ...need, communityId, status: 'accepted' },
      });
      ids.push(id);
    }
    return ids;
  }

  async admissionList(user: AuthUser, communityId: string): Promise<AdmissionItemDto[]> {
    await this.access.requireRegion(user, ['community_staff', 'street_officer'], communityId);
    return sql.admissionItems(this.dataSource, communityId);
  }

  /** The community's staff keep its admission list (the street may not add to it on its own). */
  async admit(user: AuthUser, communityId: string, dto: AdmissionItemInputDto): Promise<AdmissionItemDto> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.transaction(async (m) => {
      const item = await sql.insertAdmissionItem(m, communityId, dto.code, dto.title);
      if (!item) throw new DomainError('state.conflict', `Task ${dto.code} is already on the admission list`);
      await this.audit.recordChange(m, user.id, 'admission.added', ['admission_item', item.id], {
        after: { communityId, ...dto },
      });
      return item;
    });
  }

  /**
   * A street pushes a task onto a community. Tasks not on the community's admission list are
   * refused, and the refusal is kept (and audited) so the community can show what it turned down.
   */
  async pushTask(user: AuthUser, communityId: string, dto: PushTaskDto): Promise<CommunityTaskDto> {
    await this.access.requireRegion(user, ['street_officer'], communityId);
    const task = await this.dataSource.transaction(async (m) => {
      const refusal = (await sql.isAdmitted(m, communityId, dto.code))
        ? null
        : `Task ${dto.code} is not on this community's admission list (准入清单)`;
      const row = await sql.insertCommunityTask(m, {
        communityId,
        code: dto.code,
        title: dto.title,
        refusalReason: refusal,
        pushedBy: user.id,
      });
      await this.audit.record(m, {
        actorId: user.id,
        action: `task.${row.status}`,
        entityType: 'community_task',
        entityId: row.id,
        after: { ...row },
      });
      return row;
    });
    if (task.status === 'refused') {
      throw new DomainError('task.not_admitted', task.refusalReason ?? 'Not admitted', {
        taskId: task.id,
        code: dto.code,
      });
    }
    return task;
  }

  async tasks(user: AuthUser, communityId: string, query: PageQueryDto): Promise<Page<CommunityTaskDto>> {
    await this.access.requireRegion(user, ['community_staff', 'street_officer'], communityId);
    return timeKeyedPage(query, (keyset) => sql.communityTasks(this.dataSource, communityId, keyset));
  }

  private async lockNeed(m: EntityManager, id: string): Promise<sql.LockedNeed> {
    const need = await sql.lockNeed(m, id);
    if (!need) throw notFound('Need', id);
    return need;
  }

  private async one(m: Queryable, id: string, userId: string): Promise<NeedDto> {
    const need = await sql.needById(m, id, userId);
    if (!need) throw notFound('Need', id);
    return need;
  }
}
