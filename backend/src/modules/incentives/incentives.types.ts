import type { IncentiveAction } from './incentive.entity.js';

/** What the incentives module reads and writes, as the API shows it. */

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
  /** +1 on every replacement: the ETag checked against If-Match. */
  version: number;
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
