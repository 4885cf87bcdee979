import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { treasuryClearingAccount } from '../ledger/ledger.service.js';
import { Notifier } from '../notifications/notifier.js';
import { ProjectsService } from '../projects/projects.service.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import {
  DISBURSEMENT_KINDS,
  disbursementStep,
  requireNewSigner,
  signerOf,
  type DisbursementStep,
} from './disbursement-rules.js';
import type { DisbursementKind, PayoutMethod } from './disbursement.entity.js';
import {
  acceptanceRatingOf,
  communitiesServedBy,
  insertDisbursement,
  liveDisbursementOf,
  lockDisbursement,
  milestoneToPay,
  rejectDisbursement,
  saveAcceptanceRating,
  signDisbursement,
  type LockedDisbursement,
  type NewDisbursement,
  type SignerColumn,
} from './disbursements.sql.js';
import { AcceptDisbursementDto, DisbursementDto, RequestDisbursementDto } from './dto/disbursement.dto.js';
import { DisbursementViewsService } from './disbursement-views.service.js';
import { MilestoneDeliverablesService } from './milestone-deliverables.service.js';
import { PayoutProviders } from './payout-provider.js';
import { PayoutSettlementService } from './payout-settlement.service.js';

export { DEFAULT_DIRECTOR_THRESHOLD_FEN } from './disbursement-rules.js';

/**
 * Disbursements of every kind (milestone payments, fund grants, incentive bonuses; each kind's source
 * and steps are in disbursement-rules.ts): opened by their requester (the organization, or the fund's
 * and the incentives' services), accepted by community staff for milestones (验收), approved by street
 * finance, and by the street director at or above the street's threshold; then the payout. Every step
 * locks the disbursement, so concurrent approvals settle to exactly one.
 */
@Injectable()
export class DisbursementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly payouts: PayoutProviders,
    private readonly settlement: PayoutSettlementService,
    private readonly views: DisbursementViewsService,
    private readonly deliverables: MilestoneDeliverablesService,
    private readonly notifier: Notifier,
    private readonly scores: ScoreTrigger,
  ) {}

  /**
   * A milestone payment: its organization's admin requests it once the milestone meets its acceptance
   * rule, attaching the deliverable files the rule asks for (checked clean at the acceptance).
   */
  async request(user: AuthUser, dto: RequestDisbursementDto): Promise<DisbursementDto> {
    this.requirePayoutMethod(dto.method);
    const id = await this.dataSource.transaction(async (m) => {
      const ms = await milestoneToPay(m, dto.milestoneId);
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
      const opened = await this.open(
        m,
        {
          kind: 'milestone',
          status: DISBURSEMENT_KINDS.milestone.initial,
          milestoneId: ms.id,
          projectId: null,
          communityId: null,
          contractId: ms.contract_id,
          organizationId: ms.organization_id,
          streetId: ms.street_id,
          amountFen: ms.amount_fen,
          currency: ms.currency,
          method: dto.method,
          deliverables: dto.deliverables,
          purpose: null,
          requestedBy: user.id,
        },
        { action: 'disbursement.requested', after: { ...dto, amountFen: ms.amount_fen } },
      );
      if (!opened)
        throw new DomainError('state.conflict', 'This milestone already has a payment in progress or paid');
      await this.deliverables.attachToRequest(m, user, ms, dto.documentIds ?? []);
      return opened;
    });
    return this.views.one(id);
  }

  /** Refuses a payout method this deployment cannot pay by (before anything is written). */
  requirePayoutMethod(method: PayoutMethod): void {
    if (!this.payouts.of(method).available) {
      throw new DomainError('payments.unavailable', `Payouts by ${method} are not configured here`, {
        method,
      });
    }
  }

  /**
   * Opens a disbursement of any kind inside the caller's transaction, with its audit entry (by its
   * requester) and its notices. Undefined when its milestone already has a live one of the kind.
   */
  async open(
    m: EntityManager,
    d: NewDisbursement,
    audit: { action: string; after: object },
  ): Promise<string | undefined> {
    const id = await insertDisbursement(m, d);
    if (!id) return undefined;
    await this.audit.record(m, {
      actorId: d.requestedBy,
      action: audit.action,
      entityType: 'disbursement',
      entityId: id,
      after: audit.after,
    });
    await this.notifier.disbursementChanged(m, id);
    return id;
  }

  /** The live (not rejected) disbursement of a milestone and kind. */
  liveOf(m: EntityManager, milestoneId: string, kind: DisbursementKind): Promise<string | undefined> {
    return liveDisbursementOf(m, milestoneId, kind);
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
        // Evidence behind the acceptance, decided in its transaction: the files' verdicts are held.
        await this.deliverables.requireForAcceptance(m, d.milestone_id, d.min_deliverables);
        const previous = await acceptanceRatingOf(m, d.milestone_id);
        const given = {
          quality: rating.quality,
          timeliness: rating.timeliness,
          cooperation: rating.cooperation,
          comment: rating.comment ?? '',
        };
        await saveAcceptanceRating(m, {
          ...given,
          milestoneId: d.milestone_id,
          contractId: d.contract_id,
          ratedBy: user.id,
        });
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
      await rejectDisbursement(m, id, next, reason);
      await this.audit.recordStatusChange(
        m,
        user.id,
        'disbursement.rejected',
        ['disbursement', id],
        d.status,
        { status: next, reason },
      );
    });
    return this.views.one(id);
  }

  /** Treasury payout: street finance records the bank voucher; the payable becomes paid. */
  async recordPayment(user: AuthUser, id: string, voucher: string): Promise<DisbursementDto> {
    await this.dataSource.transaction(async (m) => {
      const d = await this.lock(m, id);
      await this.access.requireRegion(user, ['street_finance'], d.street_id, m);
      if (d.method !== 'treasury')
        throw new DomainError(
          'state.invalid_transition',
          'Stripe payouts are settled by the provider, not by a voucher',
        );
      await this.settlement.paid(m, d, {
        step: 'record_payment',
        clearing: treasuryClearingAccount(d.street_id),
        paidBy: `voucher ${voucher}`,
        actorId: user.id,
        voucher,
        detail: { voucher },
      });
    });
    return this.views.one(id);
  }

  private async step(
    user: AuthUser,
    id: string,
    step: DisbursementStep,
    signedBy: SignerColumn,
    isFinal: (d: LockedDisbursement) => boolean,
    /** Writes what the step carries besides the signature, in its transaction; returns it for the audit entry. */
    alongside?: (m: EntityManager, d: LockedDisbursement) => Promise<{ before: object; after: object }>,
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
      await signDisbursement(m, id, next, signedBy, user.id);
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
      const attempt = await this.settlement.owe(m, d, user.id);
      return { method: d.method, attempt };
    });
    // After the commit: a Stripe payout starts in the background; a treasury one waits for finance.
    if (payout) await this.payouts.of(payout.method).approved(id, payout.attempt);
    return this.views.one(id);
  }

  /** Who signs the step a disbursement waits for: community staff, then street finance, then the director. */
  private async requireSigner(m: EntityManager, user: AuthUser, d: LockedDisbursement): Promise<void> {
    const role = signerOf(d.status);
    if (role !== 'community_staff') return this.access.requireRegion(user, [role], d.street_id, m);
    for (const c of await communitiesServedBy(m, d.contract_id)) {
      if (await this.access.canActInRegion(user, ['community_staff'], c.id, m)) return;
    }
    throw new DomainError(
      'auth.out_of_scope',
      'Only staff of a community the contract serves accept its milestones',
    );
  }

  private async lock(m: EntityManager, id: string): Promise<LockedDisbursement> {
    const d = await lockDisbursement(m, id);
    if (!d) throw notFound('Disbursement', id);
    return d;
  }
}
