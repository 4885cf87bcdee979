import type { Role } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  commitmentAccount,
  communityFundAccount,
  incentivePoolAccount,
  type AccountSpec,
} from '../ledger/ledger.service.js';
import type { DisbursementKind, DisbursementStatus } from './disbursement.entity.js';

/** A street without settings of its own: ¥100,000 and more also need the director. */
export const DEFAULT_DIRECTOR_THRESHOLD_FEN = 10_000_000;

/** The disbursement state machine in one table: step → allowed from, resulting state. */
export const DISBURSEMENT_STEPS = {
  accept: { from: ['requested'], to: 'accepted' },
  // A failed payout is approved again by finance (and the director at the threshold): a new attempt.
  finance_approve: { from: ['accepted', 'failed'], to: 'finance_approved' },
  director_approve: { from: ['finance_approved'], to: 'approved' },
  reject: { from: ['requested', 'accepted', 'finance_approved', 'failed'], to: 'rejected' },
  record_payment: { from: ['approved'], to: 'paid' },
  // Settled by the payment provider (webhooks, reconciliation).
  provider_paid: { from: ['approved'], to: 'paid' },
  provider_failed: { from: ['approved', 'paid'], to: 'failed' },
} as const satisfies Record<string, { from: readonly DisbursementStatus[]; to: DisbursementStatus }>;
export type DisbursementStep = keyof typeof DISBURSEMENT_STEPS;

/** What a disbursement needs to know about itself to find its source account. */
export interface DisbursementRef {
  kind: DisbursementKind;
  contract_id: string;
  street_id: string;
  community_id: string | null;
}

/**
 * Each kind of disbursement: where the money comes from, the state it starts in and the steps it
 * goes through. The ledger is the same for every kind, only the source differs:
 * - final approval: source → payable to the organization;
 * - payout (voucher or Stripe transfer): payable → clearing;
 * - a refused payout: payable → source; a reversed transfer: clearing → source (the money is
 *   available again and the disbursement waits for finance to approve a new attempt).
 * Four-eyes everywhere: the requester (or proposer) and every approver are different people.
 */
export const DISBURSEMENT_KINDS: Record<
  DisbursementKind,
  {
    /** The status it is created in. */
    initial: DisbursementStatus;
    /** The approval steps it may take (rejection and provider settlement apply to every kind). */
    steps: readonly DisbursementStep[];
    /** The ledger account the money comes from. */
    source: (d: DisbursementRef) => AccountSpec;
    /** For journal memos. */
    label: string;
  }
> = {
  // The organization requests → community staff accept (验收) and rate the delivery, in one step
  // (DisbursementsService.accept) → finance → director at the threshold.
  milestone: {
    initial: 'requested',
    steps: ['accept', 'finance_approve', 'director_approve', 'record_payment'],
    source: (d) => commitmentAccount(d.contract_id, d.street_id),
    label: 'Milestone payment',
  },
  // Community staff propose (no acceptance step) → finance → director at the threshold.
  fund_grant: {
    initial: 'accepted',
    steps: ['finance_approve', 'director_approve', 'record_payment'],
    source: (d) => communityFundAccount(d.community_id!),
    label: 'Community fund grant',
  },
  // Decided by the incentive rules (IncentiveBonusesService.request) → finance → director.
  incentive_bonus: {
    initial: 'accepted',
    steps: ['finance_approve', 'director_approve', 'record_payment'],
    source: (d) => incentivePoolAccount(d.street_id),
    label: 'Performance bonus',
  },
};

export function disbursementStep(
  current: DisbursementStatus,
  step: DisbursementStep,
  kind: DisbursementKind = 'milestone',
): DisbursementStatus {
  const s = DISBURSEMENT_STEPS[step];
  const approval = ['accept', 'finance_approve', 'director_approve', 'record_payment'].includes(step);
  if (approval && !DISBURSEMENT_KINDS[kind].steps.includes(step)) {
    throw new DomainError(
      'state.invalid_transition',
      `A ${kind} disbursement does not take the step ${step}`,
      {
        kind,
        step,
      },
    );
  }
  if (!(s.from as readonly DisbursementStatus[]).includes(current)) {
    throw new DomainError(
      'state.invalid_transition',
      `A ${current} disbursement cannot take the step ${step}`,
      { status: current, step },
    );
  }
  return s.to;
}

/**
 * Who signs the step a disbursement in this status waits for (and may return it instead): community
 * staff of a community the contract serves accept a milestone, street finance approves (again after a
 * failed payout) and records a treasury payment, the street director approves at the threshold.
 * Paid and rejected disbursements wait for nobody.
 */
export const SIGNER_OF_STATUS: Partial<Record<DisbursementStatus, Role>> = {
  requested: 'community_staff',
  accepted: 'street_finance',
  failed: 'street_finance',
  finance_approved: 'street_director',
  approved: 'street_finance',
};

export function signerOf(status: DisbursementStatus): Role {
  const role = SIGNER_OF_STATUS[status];
  if (!role)
    throw new DomainError('state.invalid_transition', `A ${status} disbursement waits for no signature`, {
      status,
    });
  return role;
}

/** Four-eyes: everyone who signed a disbursement so far, and the next signer, are different people. */
export function requireNewSigner(signers: (string | null)[], userId: string): void {
  if (signers.includes(userId)) {
    throw new DomainError(
      'auth.forbidden',
      'The same person cannot request and approve, or approve twice: another colleague must sign this step',
    );
  }
}

/** A milestone's deliverable files by the virus scanner's verdict. */
export interface DeliverableCounts {
  clean: number;
  pending: number;
  infected: number;
}

/**
 * Evidence behind the acceptance: a milestone whose rule asks for `required` deliverables is requested
 * with at least that many files not found infected (a file still in quarantine counts: the scan decides
 * before anyone accepts), and accepted (验收) only once that many are clean. Infected files never count.
 */
export function requireDeliverables(
  required: number,
  files: DeliverableCounts,
  at: 'request' | 'accept',
): void {
  const counted = at === 'request' ? files.clean + files.pending : files.clean;
  if (counted >= required) return;
  const waiting = at === 'accept' && files.clean + files.pending >= required;
  throw new DomainError(
    'disbursement.deliverables_missing',
    waiting
      ? `The milestone needs ${required} clean deliverable file(s); ${files.pending} still being checked for viruses`
      : `The milestone needs ${required} deliverable file(s) ${at === 'accept' ? 'checked clean' : 'attached'}; it has ${counted}`,
    { required, ...files },
  );
}
