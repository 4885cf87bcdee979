import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AuditService } from '../../common/audit/audit.service.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { IncentiveAction } from './incentive.entity.js';
import { formatFen } from '../../common/money/money.js';
import { scoringDay } from '../scoring/scoring-day.js';
import { DisbursementsService } from '../disbursements/disbursements.service.js';
import { incentivePoolAccount, LedgerService } from '../ledger/ledger.service.js';
import { BADGE_SQL, BAR_SQL, BONUS_CANDIDATES_SQL } from './incentives.sql.js';

export interface IncentiveRuleInput {
  tier: 'A' | 'B' | 'C' | 'D';
  consecutiveMonths: number;
  action: IncentiveAction;
  bonusShareBp?: number | null;
  barMonths?: number | null;
}

export interface IncentiveRuleView extends IncentiveRuleInput {
  id: string;
}

export interface IncentiveRuleSet {
  streetId: string;
  /** True when the street has no rules of its own and the platform defaults apply. */
  inherited: boolean;
  rules: IncentiveRuleView[];
}

export interface IncentiveDecisionView {
  id: string;
  action: IncentiveAction;
  subject: string;
  outcome: 'applied' | 'skipped';
  explanation: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  amountFen: number | null;
  disbursementId: string | null;
  rule: Record<string, unknown>;
  evidence: Record<string, unknown>;
  decidedAt: string;
}

export interface OrganizationIncentives {
  organizationId: string;
  /** The badge in force today, if any. */
  badge: IncentiveDecisionView | null;
  /** The bar on new bids in force today, if any. */
  bar: IncentiveDecisionView | null;
  /** The latest decisions, newest first. */
  decisions: IncentiveDecisionView[];
}

export interface IncentivePool {
  streetId: string;
  balanceFen: number;
  /** Bonuses requested and not yet approved: the pool pays them at the final approval. */
  pendingBonusesFen: number;
}

export interface IncentiveRun {
  badges: number;
  bars: number;
  /** Bonus disbursements requested. */
  bonuses: number;
}

interface BonusCandidate {
  contractId: string;
  organizationId: string;
  milestoneId: string;
  milestoneAmountFen: string;
  bonusShareBp: number;
  amountFen: string;
  rule: { tier: string; consecutiveMonths: number };
  history: { month: string; score: number }[];
}

interface Decided {
  id: string;
  organizationId: string;
  action: IncentiveAction;
  explanation: string;
}

/** A bonus rule carries its share, a bar rule its months, and no other rule takes either. */
export function checkRules(rules: readonly IncentiveRuleInput[], field = 'rules'): void {
  // A tier, streak and action decide once: a second such rule could only contradict the first.
  const seen = new Map<string, number>();
  for (const [i, r] of rules.entries()) {
    const key = `${r.tier}:${r.consecutiveMonths}:${r.action}`;
    const same = seen.get(key);
    if (same !== undefined)
      throw new DomainError(
        'validation.failed',
        `Rule ${i + 1} repeats rule ${same + 1}: one rule per tier, streak and action`,
        { field: `${field}.${i}` },
      );
    seen.set(key, i);
    if (
      (r.action === 'bonus') !== (r.bonusShareBp != null) ||
      (r.action === 'bar') !== (r.barMonths != null)
    ) {
      throw new DomainError(
        'validation.failed',
        `Rule ${i + 1}: a bonus rule needs bonusShareBp, a bar rule needs barMonths, and no other rule takes either`,
        { field: `${field}.${i}` },
      );
    }
  }
}

const DECISION_COLUMNS = `id, action, subject, outcome, explanation, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  to_char(effective_until, 'YYYY-MM-DD') AS "effectiveUntil", amount_fen::float8 AS "amountFen",
  disbursement_id AS "disbursementId", rule, evidence, decided_at AS "decidedAt"`;

/**
 * Turns score snapshots into incentives (PRODUCT §7) from each street's rule table, after every
 * scoring run. Set-based and idempotent: running it again for the same day decides nothing new.
 */
@Injectable()
export class IncentivesService {
  private readonly logger = new Logger(IncentivesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly disbursements: DisbursementsService,
    private readonly ledger: LedgerService,
  ) {}

  async apply(day: string, organizationIds: string[] | null = null): Promise<IncentiveRun> {
    return this.dataSource.transaction(async (m) => {
      const badges: Decided[] = await m.query(BADGE_SQL, [day, organizationIds]);
      const bars: Decided[] = await m.query(BAR_SQL, [day, organizationIds]);
      for (const d of [...badges, ...bars]) {
        await this.audit.record(m, {
          actorId: null,
          action: `incentive.${d.action}`,
          entityType: 'organization',
          entityId: d.organizationId,
          after: { decisionId: d.id, explanation: d.explanation },
        });
      }
      const bonuses = await this.requestBonuses(m, day, organizationIds);
      if (bars.length) this.logger.log(`${bars.length} organization(s) barred from new bids`);
      return { badges: badges.length, bars: bars.length, bonuses };
    });
  }

  /**
   * Each matching contract gets one bonus disbursement, which then goes through the usual
   * approvals (the pool's balance is checked when finance approves it).
   */
  private async requestBonuses(
    m: EntityManager,
    day: string,
    organizationIds: string[] | null,
  ): Promise<number> {
    const candidates: BonusCandidate[] = await m.query(BONUS_CANDIDATES_SQL, [day, organizationIds]);
    for (const c of candidates) {
      const amountFen = Number(c.amountFen);
      const months = c.history.map((h) => `${h.month}: ${Number(h.score).toFixed(2)}`).join(', ');
      const streak =
        c.rule.consecutiveMonths > 1
          ? `Tier ${c.rule.tier} for ${c.rule.consecutiveMonths} consecutive months`
          : `Tier ${c.rule.tier} in ${day.slice(0, 7)}`;
      const explanation =
        `${streak} (${months}): bonus of ${(c.bonusShareBp / 100).toFixed(2)}% of the final milestone ` +
        `(¥${formatFen(Number(c.milestoneAmountFen))}) = ¥${formatFen(amountFen)} from the street's incentive pool, ` +
        `through the usual approvals.`;
      const bonus = await this.disbursements.requestIncentiveBonus(m, {
        organizationId: c.organizationId,
        contractId: c.contractId,
        milestoneId: c.milestoneId,
        amountFen,
        reason: explanation,
      });
      const [decided]: Decided[] = await m.query(
        `INSERT INTO incentive_decisions (organization_id, action, subject, outcome, rule, evidence, explanation,
                                          effective_from, amount_fen, disbursement_id)
         VALUES ($1, 'bonus', $2, 'applied', $3, $4, $5, $6, $7, $8)
         ON CONFLICT (organization_id, action, subject) DO NOTHING
         RETURNING id, organization_id AS "organizationId", action, explanation`,
        [
          c.organizationId,
          c.contractId,
          c.rule,
          { months: c.history, milestoneId: c.milestoneId, milestoneAmountFen: Number(c.milestoneAmountFen) },
          explanation,
          day,
          amountFen,
          bonus.id,
        ],
      );
      if (decided) {
        await this.audit.record(m, {
          actorId: null,
          action: 'incentive.bonus',
          entityType: 'organization',
          entityId: c.organizationId,
          after: { decisionId: decided.id, disbursementId: bonus.id, explanation },
        });
      }
    }
    return candidates.length;
  }

  async ofOrganization(organizationId: string): Promise<OrganizationIncentives> {
    const [org]: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM organizations WHERE id = $1 AND status = 'verified'`,
      [organizationId],
    );
    if (!org) throw notFound('Organization', organizationId);
    const decisions: IncentiveDecisionView[] = await this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM incentive_decisions WHERE organization_id = $1
        ORDER BY decided_at DESC, id LIMIT 50`,
      [organizationId],
    );
    const today = scoringDay();
    const inForce = (action: IncentiveAction) =>
      decisions.find(
        (d) =>
          d.action === action &&
          d.outcome === 'applied' &&
          d.effectiveFrom <= today &&
          (d.effectiveUntil === null || d.effectiveUntil >= today),
      ) ?? null;
    return { organizationId, badge: inForce('badge'), bar: inForce('bar'), decisions };
  }

  async rulesOf(streetId: string, m: EntityManager = this.dataSource.manager): Promise<IncentiveRuleSet> {
    await this.requireStreet(streetId);
    const rules: (IncentiveRuleView & { own: boolean })[] = await m.query(
      `SELECT id, tier, consecutive_months AS "consecutiveMonths", action, bonus_share_bp AS "bonusShareBp",
              bar_months AS "barMonths", street_id IS NOT NULL AS own
         FROM incentive_rules
        WHERE street_id = $1 OR (street_id IS NULL AND NOT EXISTS (SELECT 1 FROM incentive_rules WHERE street_id = $1))
        ORDER BY tier, action, consecutive_months`,
      [streetId],
    );
    return {
      streetId,
      inherited: !rules.some((r) => r.own),
      rules: rules.map(({ own: _own, ...rule }) => rule),
    };
  }

  /** The street director replaces the street's rule set; an empty set returns it to the platform defaults. */
  async replaceRules(
    user: AuthUser,
    streetId: string,
    rules: IncentiveRuleInput[],
  ): Promise<IncentiveRuleSet> {
    await this.requireStreet(streetId);
    await this.access.requireRegion(user, ['street_director'], streetId);
    checkRules(rules);
    await this.dataSource.transaction((m) => this.replaceRulesIn(m, user.id, streetId, rules));
    return this.rulesOf(streetId);
  }

  /**
   * Replaces a street's rule set inside the caller's transaction, with its audit entry (the
   * director's page and the platform admin's street settings both come here). Rules checked by `checkRules`.
   */
  async replaceRulesIn(
    m: EntityManager,
    actorId: string,
    streetId: string,
    rules: IncentiveRuleInput[],
  ): Promise<void> {
    // Two replacements of one street's set run one after the other (each reads the set it replaces).
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('incentive_rules:' || $1))`, [streetId]);
    const before = await this.rulesOf(streetId, m);
    await m.query(`DELETE FROM incentive_rules WHERE street_id = $1`, [streetId]);
    for (const r of rules) {
      await m.query(
        `INSERT INTO incentive_rules (street_id, tier, consecutive_months, action, bonus_share_bp, bar_months)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [streetId, r.tier, r.consecutiveMonths, r.action, r.bonusShareBp ?? null, r.barMonths ?? null],
      );
    }
    await this.audit.record(m, {
      actorId,
      action: 'incentive_rules.replace',
      entityType: 'street',
      entityId: streetId,
      before: { rules: before.rules },
      after: { rules },
    });
  }

  /** The street's incentive pool: what it holds, and what bonuses awaiting approval will draw. */
  async pool(user: AuthUser, streetId: string): Promise<IncentivePool> {
    await this.requireStreet(streetId);
    await this.access.requireRegion(user, ['street_finance', 'street_director', 'street_officer'], streetId);
    const [row] = await this.dataSource.query(
      `SELECT coalesce((SELECT sum(p.amount_fen) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $2), 0)::float8 AS balance,
              coalesce((SELECT sum(amount_fen) FROM disbursements WHERE kind = 'incentive_bonus' AND street_id = $1
                          AND status IN ('requested', 'accepted', 'finance_approved')), 0)::float8 AS pending`,
      [streetId, incentivePoolAccount(streetId).code],
    );
    return { streetId, balanceFen: row.balance, pendingBonusesFen: row.pending };
  }

  /**
   * Street finance tops up the incentive pool from the street's incentive appropriation, a line of
   * its own (not the purchase-of-service budget of any year). Idempotent by reference.
   */
  async fundPool(
    user: AuthUser,
    streetId: string,
    amountFen: number,
    reference: string,
  ): Promise<IncentivePool> {
    await this.requireStreet(streetId);
    await this.access.requireRegion(user, ['street_finance'], streetId);
    await this.dataSource.transaction(async (m) => {
      const pool = await this.ledger.account(m, incentivePoolAccount(streetId), true);
      const appropriation = await this.ledger.account(m, {
        code: `appropriation:incentives:${streetId}`,
        kind: 'appropriation',
        name: 'Incentive appropriation',
        streetId,
      });
      await this.ledger.post(m, {
        reference: `incentive-pool:${streetId}:${reference}`,
        memo: 'Incentive pool top-up',
        actorId: user.id,
        lines: [
          { account: pool, amountFen },
          { account: appropriation, amountFen: -amountFen },
        ],
      });
    });
    return this.pool(user, streetId);
  }

  private async requireStreet(streetId: string): Promise<void> {
    const [street]: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM regions WHERE id = $1 AND level = 'street'`,
      [streetId],
    );
    if (!street) throw notFound('Street', streetId);
  }
}
