import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireLiveCategories } from '../catalog/live-categories.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import {
  AdmissionItemDto,
  AdmissionItemInputDto,
  CommunityTaskDto,
  NeedDto,
  PostNeedDto,
  PushTaskDto,
  TriageDto,
} from './dto/needs.dto.js';

const NEED_SELECT = `SELECT n.id, n.community_id AS "communityId", c.name AS "communityName", n.category_code AS "categoryCode",
    n.title, n.text, n.status, n.triage_reason AS "triageReason", n.tender_id AS "tenderId", n.upvotes,
    EXISTS (SELECT 1 FROM need_upvotes v WHERE v.need_id = n.id AND v.user_id = $1) AS "upvotedByMe", n.created_at AS "createdAt"
  FROM needs n JOIN regions c ON c.id = n.community_id`;

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
      const [{ id }] = await m.query(
        `INSERT INTO needs (community_id, category_code, title, text, posted_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.communityId, dto.categoryCode, dto.title, dto.text, user.id],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'need.posted',
        entityType: 'need',
        entityId: id,
        after: { ...dto },
      });
      return this.one(m, id, user.id);
    });
  }

  async board(user: AuthUser, communityId: string, status?: string): Promise<NeedDto[]> {
    await this.access.requireRegion(user, BOARD_ROLES, communityId);
    return this.dataSource.query(
      `${NEED_SELECT} WHERE n.community_id = $2 AND ($3::text IS NULL OR n.status = $3) ORDER BY n.upvotes DESC, n.created_at DESC LIMIT 200`,
      [user.id, communityId, status ?? null],
    );
  }

  /** One upvote per resident: the primary key settles concurrent clicks, the counter moves only on a new row. */
  async upvote(user: AuthUser, needId: string): Promise<NeedDto> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, needId);
      await this.access.requireRegion(user, ['resident'], need.community_id);
      if (need.status !== 'open' && need.status !== 'accepted')
        throw new DomainError('state.invalid_transition', `A ${need.status} need takes no more votes`);
      const added: unknown[] = await m.query(
        `INSERT INTO need_upvotes (need_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING need_id`,
        [needId, user.id],
      );
      if (added.length) await m.query(`UPDATE needs SET upvotes = upvotes + 1 WHERE id = $1`, [needId]);
      return this.one(m, needId, user.id);
    });
  }

  async triage(user: AuthUser, needId: string, dto: TriageDto): Promise<NeedDto> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, needId);
      await this.access.requireRegion(user, ['community_staff'], need.community_id);
      if (need.status !== 'open')
        throw new DomainError('state.invalid_transition', `The need was already ${need.status}`);
      const status = dto.decision === 'accept' ? 'accepted' : 'declined';
      await m.query(`UPDATE needs SET status = $2, triage_reason = $3 WHERE id = $1`, [
        needId,
        status,
        dto.reason ?? null,
      ]);
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
    const rows: { id: string; status: string; street_id: string }[] = await m.query(
      `SELECT n.id, n.status, c.parent_id AS street_id FROM needs n JOIN regions c ON c.id = n.community_id WHERE n.id = ANY($1::uuid[]) FOR UPDATE OF n`,
      [needIds],
    );
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
    await m.query(`UPDATE needs SET status = 'addressed', tender_id = $2 WHERE id = ANY($1::uuid[])`, [
      needIds,
      tenderId,
    ]);
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

  async admissionList(user: AuthUser, communityId: string): Promise<AdmissionItemDto[]> {
    await this.access.requireRegion(user, ['community_staff', 'street_officer'], communityId);
    return this.dataSource.query(
      `SELECT id, code, title FROM admission_items WHERE community_id = $1 ORDER BY code`,
      [communityId],
    );
  }

  /** The community's staff keep its admission list (the street may not add to it on its own). */
  async admit(user: AuthUser, communityId: string, dto: AdmissionItemInputDto): Promise<AdmissionItemDto> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    return this.dataSource.transaction(async (m) => {
      const rows: AdmissionItemDto[] = await m.query(
        `INSERT INTO admission_items (community_id, code, title) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id, code, title`,
        [communityId, dto.code, dto.title],
      );
      if (!rows.length)
        throw new DomainError('state.conflict', `Task ${dto.code} is already on the admission list`);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'admission.added',
        entityType: 'admission_item',
        entityId: rows[0].id,
        after: { communityId, ...dto },
      });
      return rows[0];
    });
  }

  /**
   * A street pushes a task onto a community. Tasks not on the community's admission list are
   * refused, and the refusal is kept (and audited) so the community can show what it turned down.
   */
  async pushTask(user: AuthUser, communityId: string, dto: PushTaskDto): Promise<CommunityTaskDto> {
    await this.access.requireRegion(user, ['street_officer'], communityId);
    const task = await this.dataSource.transaction(async (m) => {
      const [admitted] = await m.query(
        `SELECT 1 FROM admission_items WHERE community_id = $1 AND code = $2`,
        [communityId, dto.code],
      );
      const refusal = admitted
        ? null
        : `Task ${dto.code} is not on this community's admission list (准入清单)`;
      const [row]: CommunityTaskDto[] = await m.query(
        `INSERT INTO community_tasks (community_id, code, title, status, refusal_reason, pushed_by) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, community_id AS "communityId", code, title, status, refusal_reason AS "refusalReason", created_at AS "createdAt"`,
        [communityId, dto.code, dto.title, refusal ? 'refused' : 'assigned', refusal, user.id],
      );
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

  async tasks(user: AuthUser, communityId: string): Promise<CommunityTaskDto[]> {
    await this.access.requireRegion(user, ['community_staff', 'street_officer'], communityId);
    return this.dataSource.query(
      `SELECT id, community_id AS "communityId", code, title, status, refusal_reason AS "refusalReason", created_at AS "createdAt"
         FROM community_tasks WHERE community_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [communityId],
    );
  }

  private async lockNeed(m: EntityManager, id: string): Promise<{ community_id: string; status: string }> {
    const [need] = await m.query(`SELECT community_id, status FROM needs WHERE id = $1 FOR UPDATE`, [id]);
    if (!need) throw notFound('Need', id);
    return need;
  }

  private async one(m: EntityManager, id: string, userId: string): Promise<NeedDto> {
    const [row] = await m.query(`${NEED_SELECT} WHERE n.id = $2`, [userId, id]);
    return row;
  }
}
