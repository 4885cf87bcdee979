import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { formatFen } from '../../common/money/money.js';
import { DISBURSEMENT_KINDS } from '../disbursements/disbursement-rules.js';
import type { PayoutMethod } from '../disbursements/disbursement.entity.js';
import { DisbursementsService } from '../disbursements/disbursements.service.js';
import { bonusCandidates, insertBonusDecision, milestoneOfContract } from './incentives.sql.js';

/** A performance bonus to request: tied to a contract's final milestone, paid from the street's incentive pool. */
export interface BonusRequest {
  organizationId: string;
  contractId: string;
  milestoneId: string;
  amountFen: number;
  reason: string;
  method?: PayoutMethod;
  /** Who decided it, when a person did; null for the rules themselves. */
  requestedBy?: string | null;
}

/**
 * Performance bonuses (PRODUCT §7): disbursements of kind `incentive_bonus`, decided by the incentive
 * rules after a scoring run and then approved and paid like any disbursement (DisbursementsService).
 */
@Injectable()
export class IncentiveBonusesService {
  constructor(
    private readonly audit: AuditService,
    private readonly disbursements: DisbursementsService,
  ) {}

  /**
   * Each contract matching a bonus rule gets one bonus disbursement, which then goes through the
   * usual approvals (the pool's balance is checked when finance approves it). Returns the number of
   * candidates; a re-run requests nothing twice.
   */
  async decide(m: EntityManager, day: string, organizationIds: string[] | null): Promise<number> {
    const candidates = await bonusCandidates(m, day, organizationIds);
    for (const c of candidates) {
      const months = c.history.map((h) => `${h.month}: ${Number(h.score).toFixed(2)}`).join(', ');
      const streak =
        c.rule.consecutiveMonths > 1
          ? `Tier ${c.rule.tier} for ${c.rule.consecutiveMonths} consecutive months`
          : `Tier ${c.rule.tier} in ${day.slice(0, 7)}`;
      const explanation =
        `${streak} (${months}): bonus of ${(c.bonusShareBp / 100).toFixed(2)}% of the final milestone ` +
        `(¥${formatFen(c.milestoneAmountFen)}) = ¥${formatFen(c.amountFen)} from the street's incentive pool, ` +
        `through the usual approvals.`;
      const bonus = await this.request(m, {
        organizationId: c.organizationId,
        contractId: c.contractId,
        milestoneId: c.milestoneId,
        amountFen: c.amountFen,
        reason: explanation,
      });
      const decided = await insertBonusDecision(m, {
        organizationId: c.organizationId,
        contractId: c.contractId,
        rule: c.rule,
        evidence: { months: c.history, milestoneId: c.milestoneId, milestoneAmountFen: c.milestoneAmountFen },
        explanation,
        day,
        amountFen: c.amountFen,
        disbursementId: bonus.id,
      });
      if (decided) {
        await this.audit.recordChange(m, null, 'incentive.bonus', ['organization', c.organizationId], {
          after: { decisionId: decided.id, disbursementId: bonus.id, explanation },
        });
      }
    }
    return candidates.length;
  }

  /**
   * A performance bonus from the street's incentive pool to an organization, tied to its contract's
   * final milestone, opened inside the caller's transaction awaiting street finance's approval (then
   * the director's at or above the threshold; then the payout). At most one live bonus per milestone:
   * a second call returns the existing one (`created: false`). Ledger effect: none now; at the final
   * approval incentive_pool:<street> → payable:<org> (refused with fund.insufficient when the pool
   * holds less); at the payout payable → clearing; a failed payout puts the money back in the pool.
   */
  async request(m: EntityManager, b: BonusRequest): Promise<{ id: string; created: boolean }> {
    if (!Number.isInteger(b.amountFen) || b.amountFen <= 0)
      throw new DomainError('validation.failed', 'A bonus is a positive whole number of fen', {
        field: 'amountFen',
      });
    const ms = await milestoneOfContract(m, b.milestoneId, b.contractId);
    if (!ms) throw notFound('Milestone of this contract', b.milestoneId);
    if (ms.organization_id !== b.organizationId)
      throw new DomainError('validation.failed', 'The contract is not this organization’s', {
        field: 'organizationId',
      });
    if (!ms.final)
      throw new DomainError('validation.failed', 'A bonus is tied to the contract’s final milestone', {
        field: 'milestoneId',
      });
    const id = await this.disbursements.open(
      m,
      {
        kind: 'incentive_bonus',
        status: DISBURSEMENT_KINDS.incentive_bonus.initial,
        milestoneId: b.milestoneId,
        projectId: null,
        communityId: null,
        contractId: b.contractId,
        organizationId: b.organizationId,
        streetId: ms.street_id,
        amountFen: b.amountFen,
        currency: ms.currency,
        method: b.method ?? 'treasury',
        deliverables: null,
        purpose: b.reason,
        requestedBy: b.requestedBy ?? null,
      },
      { action: 'disbursement.bonus_requested', after: b },
    );
    if (id) return { id, created: true };
    return { id: (await this.disbursements.liveOf(m, b.milestoneId, 'incentive_bonus'))!, created: false };
  }
}
