import type { DisbursementDto, DisbursementStatus, MilestoneProgressDto } from '../api/models';

/** What the signer of the step a disbursement waits for can do in the inbox. */
export type InboxAction = 'accept' | 'finance_approve' | 'director_approve' | 'record_payment';

/**
 * The step an inbox item waits for, from its status (the server's state table decides; this only
 * picks the button): acceptance by community staff, finance's approval (again after a failed
 * payout), the director's at the threshold, or the voucher of a treasury transfer.
 */
export function nextAction(d: Pick<DisbursementDto, 'status' | 'method'>): InboxAction | null {
  switch (d.status) {
    case 'requested':
      return 'accept';
    case 'accepted':
    case 'failed':
      return 'finance_approve';
    case 'finance_approved':
      return 'director_approve';
    case 'approved':
      return d.method === 'treasury' ? 'record_payment' : null;
    default:
      return null;
  }
}

/** Whoever would sign the current step may return it instead, with a reason. */
export function canReject(status: DisbursementStatus): boolean {
  return ['requested', 'accepted', 'finance_approved', 'failed'].includes(status);
}

export type StepKey = 'requested' | 'accepted' | 'finance' | 'director' | 'paid';

export interface TrailStep {
  key: StepKey;
  /** Who signed it, when known. */
  by: string | null;
  state: 'done' | 'current' | 'waiting';
}

/**
 * Who did which step, in order, and what is still ahead: requested → accepted → finance →
 * director (only at or above the street's threshold) → paid.
 */
export function stepTrail(
  d: Pick<
    DisbursementDto,
    | 'kind'
    | 'status'
    | 'needsDirector'
    | 'requestedByName'
    | 'acceptedByName'
    | 'financeApprovedByName'
    | 'directorApprovedByName'
  >,
): TrailStep[] {
  // How many steps are behind each status (one fewer without the acceptance step).
  const accepted = d.kind === 'milestone' ? 2 : 1;
  const reached: Record<DisbursementStatus, number> = {
    requested: 1,
    accepted,
    failed: accepted, // approvals are cleared after a failed payout: finance signs again
    rejected: 0, // (below: whoever signed before it was returned)
    finance_approved: accepted + 1,
    approved: accepted + (d.needsDirector ? 2 : 1),
    paid: accepted + (d.needsDirector ? 3 : 2),
  };
  // Only a milestone is accepted (验收) by the community; other kinds start as accepted.
  const steps: { key: StepKey; by: string | null }[] = [
    { key: 'requested', by: d.requestedByName },
    ...(d.kind === 'milestone' ? [{ key: 'accepted' as const, by: d.acceptedByName }] : []),
    { key: 'finance', by: d.financeApprovedByName },
    ...(d.needsDirector ? [{ key: 'director' as const, by: d.directorApprovedByName }] : []),
    { key: 'paid', by: null },
  ];
  if (d.status === 'rejected') return steps.map((s) => ({ ...s, state: s.by ? 'done' : 'waiting' }));
  const done = reached[d.status];
  return steps.map((s, i) => ({ ...s, state: i < done ? 'done' : i === done ? 'current' : 'waiting' }));
}

/** How an organization reads a status: still with the street, paid, failed or returned. */
export type Phase = 'in_approval' | 'paying' | 'paid' | 'failed' | 'rejected';

export function phaseOf(status: DisbursementStatus): Phase {
  switch (status) {
    case 'paid':
      return 'paid';
    case 'failed':
      return 'failed';
    case 'rejected':
      return 'rejected';
    case 'approved':
      return 'paying';
    default:
      return 'in_approval';
  }
}

export const PHASE_COLORS: Record<Phase, string> = {
  in_approval: 'blue',
  paying: 'cyan',
  paid: 'green',
  failed: 'red',
  rejected: 'default',
};

export const STATUS_COLORS: Record<DisbursementStatus, string> = {
  requested: 'orange',
  accepted: 'blue',
  finance_approved: 'geekblue',
  approved: 'cyan',
  paid: 'green',
  failed: 'red',
  rejected: 'default',
};

export interface MilestoneChoice {
  milestone: MilestoneProgressDto;
  /** The live (not returned) payment of this milestone, if one was requested. */
  live: DisbursementDto | null;
  /** Why it cannot be requested now; null when it can. */
  blocked: 'requested' | 'paid' | 'rule' | null;
}

/**
 * The milestones of a project as the organization sees them when requesting a payment: one live
 * payment per milestone (a returned one may be requested again), and only once its acceptance
 * rule holds.
 */
export function milestoneChoices(
  milestones: readonly MilestoneProgressDto[],
  disbursements: readonly DisbursementDto[],
): MilestoneChoice[] {
  return milestones.map((milestone) => {
    const live =
      disbursements.find((d) => d.milestoneId === milestone.milestoneId && d.status !== 'rejected') ?? null;
    const blocked =
      live?.status === 'paid' || milestone.status === 'paid'
        ? 'paid'
        : live
          ? 'requested'
          : milestone.ruleMet
            ? null
            : 'rule';
    return { milestone, live, blocked };
  });
}
