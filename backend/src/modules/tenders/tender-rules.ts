import { DomainError } from '../../common/errors/domain-error.js';
import type { ProcurementMethod, TenderStatus } from './tender.entity.js';

/** Valid bids a method needs at the deadline, or the tender is unsuccessful (PRODUCT §4). */
export const MIN_VALID_BIDS: Record<ProcurementMethod, number> = {
  public_tender: 3,
  competitive_consultation: 2,
  single_source: 1,
  direct_commission: 1,
};

/** The tender state machine, in one table: event → allowed from, resulting state. */
export const TENDER_TRANSITIONS = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'evaluating' },
  fail: { from: ['published'], to: 'unsuccessful' },
  award: { from: ['evaluating'], to: 'awarded' },
  start_standstill: { from: ['awarded'], to: 'standstill' },
  reevaluate: { from: ['standstill'], to: 'evaluating' },
  contract: { from: ['standstill'], to: 'contracted' },
  cancel: { from: ['draft', 'published', 'evaluating', 'awarded', 'standstill'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly TenderStatus[]; to: TenderStatus }>;
export type TenderEvent = keyof typeof TENDER_TRANSITIONS;

export function tenderTransition(current: TenderStatus, event: TenderEvent): TenderStatus {
  const t = TENDER_TRANSITIONS[event];
  if (!(t.from as readonly TenderStatus[]).includes(current)) {
    throw new DomainError(
      'state.invalid_transition',
      `A ${current} tender cannot ${event.replace('_', ' ')}`,
      { status: current, event, allowedFrom: t.from },
    );
  }
  return t.to;
}

export interface PublishableTender {
  method: ProcurementMethod;
  budgetCeilingFen: number;
  singleSourceJustification?: string | null;
  invitedOrganizationId?: string | null;
  weights: {
    price: number;
    technical: number;
    performance: number;
    criteria: { key: string; weight: number }[];
  };
  milestonePlan: { shareBp: number }[];
  enquiryDeadline: Date;
  bidDeadline: Date;
}

/** Every reason the tender cannot be published as it stands; empty when it can. */
export function publishProblems(t: PublishableTender, now: Date, directCommissionCapFen: number): string[] {
  const problems: string[] = [];
  const w = t.weights;
  if (w.price + w.technical + w.performance !== 100)
    problems.push('price + technical + performance weights must add up to 100');
  const criteriaSum = w.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (w.technical > 0 && criteriaSum !== w.technical)
    problems.push(`technical sub-criteria weights add up to ${criteriaSum}, not ${w.technical}`);
  if (new Set(w.criteria.map((c) => c.key)).size !== w.criteria.length)
    problems.push('technical sub-criteria keys must be distinct');
  const shares = t.milestonePlan.reduce((sum, m) => sum + m.shareBp, 0);
  if (shares !== 10000) problems.push(`milestone shares add up to ${shares / 100} %, not 100 %`);
  if (t.bidDeadline.getTime() <= now.getTime()) problems.push('the bid deadline must be in the future');
  if (t.enquiryDeadline.getTime() > t.bidDeadline.getTime())
    problems.push('the enquiry deadline must not be after the bid deadline');
  const single = t.method === 'single_source' || t.method === 'direct_commission';
  if (single && !t.invitedOrganizationId) problems.push(`${t.method} needs the invited organization`);
  if (!single && t.invitedOrganizationId)
    problems.push(`${t.method} is open to all eligible organizations: no invited organization`);
  if (t.method === 'single_source' && !t.singleSourceJustification)
    problems.push('single_source needs a written justification');
  if (t.method === 'direct_commission' && t.budgetCeilingFen > directCommissionCapFen) {
    problems.push(`direct_commission is limited to ${directCommissionCapFen} fen`);
  }
  return problems;
}
