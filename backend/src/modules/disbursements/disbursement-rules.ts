import { DomainError } from '../../common/errors/domain-error.js';
import type { DisbursementStatus } from './disbursement.entity.js';

/** The disbursement state machine in one table: step → allowed from, resulting state. */
export const DISBURSEMENT_STEPS = {
  accept: { from: ['requested'], to: 'accepted' },
  finance_approve: { from: ['accepted'], to: 'finance_approved' },
  director_approve: { from: ['finance_approved'], to: 'approved' },
  reject: { from: ['requested', 'accepted', 'finance_approved'], to: 'rejected' },
  record_payment: { from: ['approved'], to: 'paid' },
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
