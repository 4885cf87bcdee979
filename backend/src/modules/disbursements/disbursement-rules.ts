import { DomainError } from '../../common/errors/domain-error.js';
import type { DisbursementStatus } from './disbursement.entity.js';

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

export function disbursementStep(current: DisbursementStatus, step: DisbursementStep): DisbursementStatus {
  const s = DISBURSEMENT_STEPS[step];
  if (!(s.from as readonly DisbursementStatus[]).includes(current)) {
    throw new DomainError(
      'state.invalid_transition',
      `A ${current} disbursement cannot take the step ${step}`,
      { status: current, step },
    );
  }
  return s.to;
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

/**
 * The journal reference of a payout event of one attempt. The first attempt keeps the plain form
 * (`payable:<id>`, `paid:<id>`), so each event of each attempt posts exactly once.
 */
export function payoutReference(
  event: 'payable' | 'paid' | 'reversed' | 'failed',
  disbursementId: string,
  attempt: number,
): string {
  if ((event === 'payable' || event === 'paid') && attempt <= 1) return `${event}:${disbursementId}`;
  return `${event}:${disbursementId}:${attempt}`;
}
