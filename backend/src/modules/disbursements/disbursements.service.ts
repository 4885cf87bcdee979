import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { communityFundAccount, LedgerService, payableAccount } from '../ledger/ledger.service.js';
import { PayoutProviders } from '../payments/payout-provider.js';
import { Notifier } from '../notifications/notifier.js';
import { ProjectsService } from '../projects/projects.service.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import {
  DISBURSEMENT_KINDS,
  disbursementStep,
  payoutReference,
  requireNewSigner,
  type DisbursementStep,
} from './disbursement-rules.js';
import type { Disbursement, DisbursementKind, PayoutMethod } from './disbursement.entity.js';
import {
  AcceptDisbursementDto,
  DisbursementDto,
  ProposeGrantDto,
  RequestDisbursementDto,
} from './dto/disbursement.dto.js';

/** A street without settings of its own: ¥100,000 and more also need the director. */
export const DEFAULT_DIRECTOR_THRESHOLD_FEN = 10_000_000;

const SELECT = `SELECT d.id, d.kind, d.milestone_id AS "milestoneId", m.name AS "milestoneName", d.contract_id AS "contractId", c.title AS "contractTitle",
    d.organization_id AS "organizationId", o.name AS "organizationName", d.street_id AS "streetId", d.amount_fen::float8 AS "amountFen",
    d.currency, d.status, d.method, d.amount_fen >= coalesce(ss.director_threshold_fen, ${DEFAULT_DIRECTOR_THRESHOLD_FEN}) AS "needsDirector",
    d.deliverables, d.rejection_reason AS "rejectionReason", d.voucher, d.payout_attempt AS "payoutAttempt", d.provider_reference AS "providerReference",
    d.failure_reason AS "failureReason", d.created_at AS "createdAt", d.updated_at AS "updatedAt",
    d.project_id AS "projectId", pr.title AS "projectTitle", d.community_id AS "communityId", d.purpose,
    (SELECT display_name FROM users WHERE id = d.requested_by) AS "requestedByName",
    (SELECT display_name FROM users WHERE id = d.accepted_by) AS "acceptedByName",
    (SELECT display_name FROM users WHERE id = d.finance_approved_by) AS "financeApprovedByName",
    (SELECT display_name FROM users WHERE id = d.director_approved_by) AS "directorApprovedByName"
  FROM disbursements d LEFT JOIN milestones m ON m.id = d.milestone_id JOIN contracts c ON c.id = d.contract_id
  LEFT JOIN projects pr ON pr.id = d.project_id
  JOIN organizations o ON o.id = d.organization_id LEFT JOIN street_settings ss ON ss.street_id = d.street_id`;

/** What a community's fund holds: its ledger balance, what proposed grants reserve, and what is left to grant. */
export interface FundPosition {
  balanceFen: number;
  reservedFen: number;
  availableFen: number;
}

/** A fund grant's money is reserved from its proposal until it is approved (then it leaves the fund) or rejected. */
const GRANT_RESERVING_STATUSES = `('requested', 'accepted', 'finance_approved', 'failed')`;

interface Locked {
  id: string;
  kind: DisbursementKind;
  community_id: string | null;
  status: Disbursement['status'];
  method: PayoutMethod;
  payout_attempt: number;
  milestone_id: string;
  contract_id: string;
  organization_id: string;
  street_id: string;
  amount_fen: number;
  requested_by: string;
  accepted_by: string | null;
  finance_approved_by: string | null;
  director_approved_by: string | null;
  threshold: number;
}

/**
 * Milestone payments: the organization requests, community staff accept (验收), street finance
 * approves, the street director too at or above the street's threshold; then the payout.
 * Every step locks the disbursement, so concurrent approvals settle to exactly one.
 */
@Injectable()
export class DisbursementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly projects: ProjectsService,
    private readonly payouts: PayoutProviders,
    private readonly notifier: Notifier,
    private readonly scores: ScoreTrigger,
  ) {}

  async request(user: AuthUser, dto: RequestDisbursementDto): Promise<DisbursementDto> {
    if (!this.payouts.of(dto.method).available) {
      throw new DomainError('payments.unavailable', `Payouts by ${dto.method} are not configured here`, {
        method: dto.method,
      });
    }
    const id = await this.dataSource.transaction(async (m) => {
      const [ms] = await m.query(
        `SELECT m.id, m.amount_fen::float8 AS amount_fen, c.id AS contract_id, c.organization_id, c.street_id, c.currency, p.id AS project_id
           FROM milestones m JOIN contracts c ON c.id = m.contract_id LEFT JOIN projects p ON p.contract_id = c.id WHERE m.id = $1`,
        [dto.milestoneId],
      );
      if (!ms) throw notFound('Milestone', dto.milestoneId);
      this.access.requireOrganization(user, ['org_admin'], ms.organization_id);
      if (!ms.project_id)
        throw new DomainError('state.invalid_transition', 'Set up the project before requesting payments');
      const progress = (await this.projects.progress(ms.project_id)).find((p) => p.milestoneId === ms.id);
      if (!progress?.ruleMet) {
        throw new DomainError(
          'state.invalid_transition',
          'The milestone does not meet its acceptance rule yet',
          { progress },
        );
      }
      const inserted = await m.query(
        `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, currency, method, deliverables, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
        [
          ms.id,
          ms.contract_id,
          ms.organization_id,
          ms.street_id,
          ms.amount_fen,
          ms.currency,
          dto.method,
          dto.deliverables,
          user.id,
        ],
      );
      if (!inserted.length)
        throw new DomainError('state.conflict', 'This milestone already has a payment in progress or paid');
      await this.audit.record(m, {
        actorId: user.id,
        action: 'disbursement.requested',
        entityType: 'disbursement',
        entityId: inserted[0].id,
        after: { ...dto, amountFen: ms.amount_fen },
      });
      await this.notifier.disbursementChanged(m, inserted[0].id);
      return inserted[0].id as string;
    });
    return this.one(id);
  }

  /**
   * Community staff of a community the contract serves accept the milestone's delivery (验收) and
   * rate it, in one transaction. One rating per milestone: accepting it again (after the payment was
   * returned and requested anew) replaces the earlier rating, since the acceptance in force is the
   * one that judged the delivery being paid; the audit entry keeps the replaced one. Only milestone
   * payments take this step (the state machine refuses it for the other kinds).
   */
  async accept(user: AuthUser, id: string, rating: AcceptDisbursementDto): Promise<DisbursementDto> {
    const accepted = await this.step(
      user,
      id,
      'accept',
      'accepted_by',
      () => false,
      async (m, d) => {
        const [previous] = await m.query(
          `SELECT quality, timeliness, cooperation, comment, rated_by AS "ratedBy" FROM acceptance_ratings WHERE milestone_id = $1`,
          [d.milestone_id],
        );
        const given = {
          quality: rating.quality,
          timeliness: rating.timeliness,
          cooperation: rating.cooperation,
          comment: rating.comment ?? '',
        };
        await m.query(
          `INSERT INTO acceptance_ratings (milestone_id, organization_id, rated_by, quality, timeliness, cooperation, comment)
         SELECT $1, c.organization_id, $3, $4, $5, $6, $7 FROM contracts c WHERE c.id = $2
         ON CONFLICT (milestone_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, rated_by = EXCLUDED.rated_by,
           quality = EXCLUDED.quality, timeliness = EXCLUDED.timeliness, cooperation = EXCLUDED.cooperation,
           comment = EXCLUDED.comment, created_at = now()`,
          [
            d.milestone_id,
            d.contract_id,
            user.id,
            given.quality,
            given.timeliness,
            given.cooperation,
            given.comment,
          ],
        );
        return { before: previous ? { rating: previous } : {}, after: { rating: given } };
      },
    );
    // The rating counts in the organization's satisfaction: recompute after the commit (debounced).
    await this.scores.organizationChanged(accepted.organizationId);
    return accepted;
  }

  /** Street finance approves; below the director's threshold that is the last approval. */
  financeApprove(user: AuthUser, id: string) {
    return this.step(user, id, 'finance_approve', 'finance_approved_by', (d) => d.amount_fen < d.threshold);
  }

  directorApprove(user: AuthUser, id: string) {
    return this.step(user, id, 'director_approve', 'director_approved_by', () => true);
  }

  /** Whoever would sign the current step may instead return it to the organization, with the reason. */
  async reject(user: AuthUser, id: string, reason: string): Promise<DisbursementDto> {
    await this.dataSource.transaction(async (m) => {
      const d = await this.lock(m, id);
      const next = disbursementStep(d.status, 'reject');
      await this.requireSigner(m, user, d);
      await m.query(`UPDATE disbursements SET status = $2, rejection_reason = $3 WHERE id = $1`, [
        id,
        next,
        reason,
      ]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'disbursement.rejected',
        entityType: 'disbursement',
        entityId: id,
        before: { status: d.status },
        after: { status: next, reason },
      });
    });
    return this.one(id);
  }

  /** Treasury payout: street finance records the bank voucher; the payable becomes paid. */
  async recordPayment(user: AuthUser, id: string, voucher: string): Promise<DisbursementDto> {
    await this.dataSource.transaction(async (m) => {
      const d = await this.lock(m, id);
      await this.access.requireRegion(user, ['street_finance'], d.street_id);
      if (d.method !== 'treasury')
        throw new DomainError(
          'state.invalid_transition',
          'Stripe payouts are settled by the provider, not by a voucher',
        );
      const next = disbursementStep(d.status, 'record_payment', d.kind);
      const payable = await this.ledger.account(m, payableAccount(d.organization_id));
      const clearing = await this.ledger.account(m, {
        code: `clearing:treasury:${d.street_id}`,
        kind: 'clearing',
        name: 'Treasury transfers',
        streetId: d.street_id,
      });
      await this.ledger.post(m, {
        reference: payoutReference('paid', id, d.payout_attempt),
        memo: `${DISBURSEMENT_KINDS[d.kind].label}, voucher ${voucher}`,
        actorId: user.id,
        lines: [
          { account: payable, amountFen: -d.amount_fen },
          { account: clearing, amountFen: d.amount_fen },
        ],
      });
      await m.query(`UPDATE disbursements SET status = $2, voucher = $3 WHERE id = $1`, [id, next, voucher]);
      if (d.kind === 'milestone')
        await m.query(`UPDATE milestones SET status = 'paid' WHERE id = $1`, [d.milestone_id]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'disbursement.paid',
        entityType: 'disbursement',
        entityId: id,
        before: { status: d.status },
        after: { status: next, voucher },
      });
      await this.notifier.disbursementChanged(m, id);
    });
    return this.one(id);
  }

  /**
   * What waits for the caller: acceptances for community staff; approvals, failed payouts to approve
   * again and treasury payments for finance; approvals for the director.
   */
  async inbox(user: AuthUser): Promise<DisbursementDto[]> {
    const paths = (roles: string[]) =>
      user.memberships.filter((x) => roles.includes(x.role) && x.regionPath).map((x) => `${x.regionPath}%`);
    return this.dataSource.query(
      `${SELECT}
        WHERE (d.status = 'requested' AND EXISTS (
                 SELECT 1 FROM regions r WHERE r.path LIKE ANY($1::text[]) AND r.level = 'community'
                    AND (r.id IN (SELECT tc.community_id FROM tender_communities tc WHERE tc.tender_id = c.tender_id)
                         OR (c.tender_id IS NULL AND r.parent_id = c.street_id))))
           OR ((d.status IN ('accepted', 'failed') OR (d.status = 'approved' AND d.method = 'treasury')) AND EXISTS (SELECT 1 FROM regions s WHERE s.id = d.street_id AND s.path LIKE ANY($2::text[])))
           OR (d.status = 'finance_approved' AND EXISTS (SELECT 1 FROM regions s WHERE s.id = d.street_id AND s.path LIKE ANY($3::text[])))
        ORDER BY d.created_at LIMIT 200`,
      [paths(['community_staff']), paths(['street_finance']), paths(['street_director'])],
    );
  }

  async ofContract(user: AuthUser, contractId: string): Promise<DisbursementDto[]> {
    const [c] = await this.dataSource.query(
      `SELECT organization_id, street_id FROM contracts WHERE id = $1`,
      [contractId],
    );
    if (!c) throw notFound('Contract', contractId);
    if (!this.access.isOrgAdmin(user, c.organization_id)) {
      await this.access.requireRegion(
        user,
        ['street_officer', 'street_finance', 'street_director'],
        c.street_id,
      );
    }
    return this.dataSource.query(`${SELECT} WHERE d.contract_id = $1 ORDER BY d.created_at`, [contractId]);
  }

  /** Every payment an organization requested, newest first: for its admins (and platform admins). */
  async ofOrganization(user: AuthUser, organizationId: string): Promise<DisbursementDto[]> {
    this.access.requireOrganization(user, ['org_admin'], organizationId);
    return this.dataSource.query(
      `${SELECT} WHERE d.organization_id = $1 ORDER BY d.created_at DESC LIMIT 500`,
      [organizationId],
    );
  }

  /**
   * Community staff propose a grant of their community's development fund to a project serving the
   * community. It starts awaiting street finance (no acceptance step); the proposer never approves.
   * The fund account is locked first, so concurrent proposals never reserve more than it holds.
   */
  async proposeGrant(user: AuthUser, communityId: string, dto: ProposeGrantDto): Promise<DisbursementDto> {
    await this.access.requireRegion(user, ['community_staff'], communityId);
    if (!this.payouts.of(dto.method).available) {
      throw new DomainError('payments.unavailable', `Payouts by ${dto.method} are not configured here`, {
        method: dto.method,
      });
    }
    const id = await this.dataSource.transaction(async (m) => {
      const [project] = await m.query(
        `SELECT p.id, p.status, p.contract_id, p.organization_id, c.street_id, c.currency
           FROM projects p JOIN contracts c ON c.id = p.contract_id JOIN regions r ON r.id = $2 AND r.level = 'community'
          WHERE p.id = $1
            AND (EXISTS (SELECT 1 FROM tender_communities tc WHERE tc.tender_id = c.tender_id AND tc.community_id = r.id)
                 OR (c.tender_id IS NULL AND c.street_id = r.parent_id))`,
        [dto.projectId, communityId],
      );
      if (!project) throw notFound('Project in this community', dto.projectId);
      if (project.status !== 'active')
        throw new DomainError('state.invalid_transition', 'Grants go to active projects only', {
          status: project.status,
        });
      await this.ledger.account(m, communityFundAccount(communityId), true);
      const position = await this.fundPosition(m, communityId);
      if (position.availableFen < dto.amountFen) {
        throw new DomainError(
          'fund.insufficient',
          `The community fund has ${position.availableFen} fen available; the grant needs ${dto.amountFen}`,
          { ...position, neededFen: dto.amountFen },
        );
      }
      const [inserted] = await m.query(
        `INSERT INTO disbursements (kind, project_id, community_id, contract_id, organization_id, street_id, amount_fen, currency,
                                    method, purpose, status, requested_by)
         VALUES ('fund_grant', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          project.id,
          communityId,
          project.contract_id,
          project.organization_id,
          project.street_id,
          dto.amountFen,
          project.currency,
          dto.method,
          dto.purpose,
          DISBURSEMENT_KINDS.fund_grant.initial,
          user.id,
        ],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'disbursement.grant_proposed',
        entityType: 'disbursement',
        entityId: inserted.id,
        after: { ...dto, communityId, organizationId: project.organization_id, fund: position },
      });
      await this.notifier.disbursementChanged(m, inserted.id);
      return inserted.id as string;
    });
    return this.one(id);
  }

  /**
   * For the incentive rules: a performance bonus from the street's incentive pool to an
   * organization, tied to its contract's final milestone, inserted inside the caller's transaction
   * awaiting street finance's approval (then the director's at or above the threshold; then the
   * payout). At most one live bonus per milestone: a second call returns the existing one
   * (`created: false`). Ledger effect: none now; at the final approval incentive_pool:<street> →
   * payable:<org> (refused with fund.insufficient when the pool holds less); at the payout payable →
   * clearing; a failed payout puts the money back in the pool.
   */
  async requestIncentiveBonus(
    m: EntityManager,
    b: {
      organizationId: string;
      contractId: string;
      milestoneId: string;
      amountFen: number;
      reason: string;
      method?: PayoutMethod;
      /** Who decided it, when a person did; null for the rules themselves. */
      requestedBy?: string | null;
    },
  ): Promise<{ id: string; created: boolean }> {
    if (!Number.isInteger(b.amountFen) || b.amountFen <= 0)
      throw new DomainError('validation.failed', 'A bonus is a positive whole number of fen', {
        field: 'amountFen',
      });
    const [ms] = await m.query(
      `SELECT m.id, c.street_id, c.currency, c.organization_id,
              m.seq = (SELECT max(seq) FROM milestones WHERE contract_id = c.id) AS final
         FROM milestones m JOIN contracts c ON c.id = m.contract_id WHERE m.id = $1 AND c.id = $2`,
      [b.milestoneId, b.contractId],
    );
    if (!ms) throw notFound('Milestone of this contract', b.milestoneId);
    if (ms.organization_id !== b.organizationId)
      throw new DomainError('validation.failed', 'The contract is not this organization’s', {
        field: 'organizationId',
      });
    if (!ms.final)
      throw new DomainError('validation.failed', 'A bonus is tied to the contract’s final milestone', {
        field: 'milestoneId',
      });
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO disbursements (kind, milestone_id, contract_id, organization_id, street_id, amount_fen, currency, method,
                                  purpose, status, requested_by)
       VALUES ('incentive_bonus', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
      [
        b.milestoneId,
        b.contractId,
        b.organizationId,
        ms.street_id,
        b.amountFen,
        ms.currency,
        b.method ?? 'treasury',
        b.reason,
        DISBURSEMENT_KINDS.incentive_bonus.initial,
        b.requestedBy ?? null,
      ],
    );
    if (!inserted.length) {
      const [live] = await m.query(
        `SELECT id FROM disbursements WHERE milestone_id = $1 AND kind = 'incentive_bonus' AND status <> 'rejected'`,
        [b.milestoneId],
      );
      return { id: live.id, created: false };
    }
    await this.audit.record(m, {
      actorId: b.requestedBy ?? null,
      action: 'disbursement.bonus_requested',
      entityType: 'disbursement',
      entityId: inserted[0].id,
      after: b,
    });
    await this.notifier.disbursementChanged(m, inserted[0].id);
    return { id: inserted[0].id, created: true };
  }

  /** The fund's balance, what live grant proposals reserve of it, and what is left to grant. */
  async fundPosition(m: EntityManager, communityId: string): Promise<FundPosition> {
    const [row] = await m.query(
      `SELECT coalesce((SELECT sum(p.amount_fen) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $2), 0)::float8 AS balance,
              coalesce((SELECT sum(amount_fen) FROM disbursements
                         WHERE kind = 'fund_grant' AND community_id = $1 AND status IN ${GRANT_RESERVING_STATUSES}), 0)::float8 AS reserved`,
      [communityId, communityFundAccount(communityId).code],
    );
    return { balanceFen: row.balance, reservedFen: row.reserved, availableFen: row.balance - row.reserved };
  }

  /** A community's fund grants, newest first (the caller checks the scope). */
  grantsOf(communityId: string): Promise<DisbursementDto[]> {
    return this.dataSource.query(
      `${SELECT} WHERE d.kind = 'fund_grant' AND d.community_id = $1 ORDER BY d.created_at DESC LIMIT 500`,
      [communityId],
    );
  }

  private async step(
    user: AuthUser,
    id: string,
    step: DisbursementStep,
    signedBy: string,
    isFinal: (d: Locked) => boolean,
    /** Writes what the step carries besides the signature, in its transaction; returns it for the audit entry. */
    alongside?: (m: EntityManager, d: Locked) => Promise<{ before: object; after: object }>,
  ): Promise<DisbursementDto> {
    const payout = await this.dataSource.transaction(async (m) => {
      const d = await this.lock(m, id);
      let next = disbursementStep(d.status, step, d.kind);
      await this.requireSigner(m, user, d);
      requireNewSigner(
        [d.requested_by, d.accepted_by, d.finance_approved_by, d.director_approved_by],
        user.id,
      );
      if (isFinal(d)) next = 'approved';
      await m.query(`UPDATE disbursements SET status = $2, ${signedBy} = $3 WHERE id = $1`, [
        id,
        next,
        user.id,
      ]);
      const carried = alongside ? await alongside(m, d) : { before: {}, after: {} };
      await this.audit.record(m, {
        actorId: user.id,
        action: `disbursement.${step}`,
        entityType: 'disbursement',
        entityId: id,
        before: { status: d.status, ...carried.before },
        after: { status: next, ...carried.after },
      });
      await this.notifier.disbursementChanged(m, id);
      if (next !== 'approved') return null;
      // Approved money is owed: the commitment becomes a payable to the organization. Each approval
      // (the first, or one after a failed payout) starts a payout attempt of its own.
      const attempt = d.payout_attempt + 1;
      await m.query(
        `UPDATE disbursements SET payout_attempt = $2, failure_reason = NULL, provider_reference = NULL WHERE id = $1`,
        [id, attempt],
      );
      // The source is the kind's: the contract's commitment, the community's fund or the incentive pool.
      const kind = DISBURSEMENT_KINDS[d.kind];
      const source = await this.ledger.account(m, kind.source(d), d.kind !== 'milestone');
      if (d.kind !== 'milestone') {
        const balance = await this.ledger.balance(m, source);
        if (balance < d.amount_fen)
          throw new DomainError(
            'fund.insufficient',
            `The ${kind.source(d).name.toLowerCase()} holds ${balance} fen; this payment needs ${d.amount_fen}`,
            { availableFen: balance, neededFen: d.amount_fen },
          );
      }
      const payable = await this.ledger.account(m, payableAccount(d.organization_id));
      await this.ledger.post(m, {
        reference: payoutReference('payable', id, attempt),
        memo:
          attempt > 1
            ? `${kind.label} approved for payment again (attempt ${attempt})`
            : `${kind.label} approved for payment`,
        actorId: user.id,
        lines: [
          { account: source, amountFen: -d.amount_fen },
          { account: payable, amountFen: d.amount_fen },
        ],
      });
      return { method: d.method, attempt };
    });
    // After the commit: a Stripe payout starts in the background; a treasury one waits for finance.
    if (payout) await this.payouts.of(payout.method).approved(id, payout.attempt);
    return this.one(id);
  }

  /** Who signs the step a disbursement waits for: community staff, then street finance, then the director. */
  private async requireSigner(m: EntityManager, user: AuthUser, d: Locked): Promise<void> {
    if (d.status === 'accepted' || d.status === 'failed')
      return this.access.requireRegion(user, ['street_finance'], d.street_id);
    if (d.status === 'finance_approved')
      return this.access.requireRegion(user, ['street_director'], d.street_id);
    const communities: { id: string }[] = await m.query(
      `SELECT tc.community_id AS id FROM contracts c JOIN tender_communities tc ON tc.tender_id = c.tender_id WHERE c.id = $1
       UNION SELECT r.id FROM contracts c JOIN regions r ON r.parent_id = c.street_id WHERE c.id = $1 AND c.tender_id IS NULL`,
      [d.contract_id],
    );
    for (const c of communities) {
      if (await this.access.canActInRegion(user, ['community_staff'], c.id)) return;
    }
    throw new DomainError(
      'auth.out_of_scope',
      'Only staff of a community the contract serves accept its milestones',
    );
  }

  private async lock(m: EntityManager, id: string): Promise<Locked> {
    const [d] = await m.query(
      `SELECT d.id, d.kind, d.community_id, d.status, d.method, d.payout_attempt, d.milestone_id, d.contract_id, d.organization_id, d.street_id,
              d.amount_fen::float8 AS amount_fen, d.requested_by, d.accepted_by,
              d.finance_approved_by, d.director_approved_by,
              coalesce((SELECT director_threshold_fen::float8 FROM street_settings WHERE street_id = d.street_id), ${DEFAULT_DIRECTOR_THRESHOLD_FEN}) AS threshold
         FROM disbursements d WHERE d.id = $1 FOR UPDATE OF d`,
      [id],
    );
    if (!d) throw notFound('Disbursement', id);
    return d;
  }

  private async one(id: string): Promise<DisbursementDto> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE d.id = $1`, [id]);
    return row;
  }
}
