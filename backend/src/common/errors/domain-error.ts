/**
 * Every failure a service can report, as a machine-readable code. Services throw DomainError,
 * never HTTP exceptions, so the same code runs in the API and in the workers; the HTTP status
 * for each code is decided in one place (error.filter.ts).
 */
export type ErrorCode =
  | 'validation.failed'
  | 'auth.unauthenticated'
  | 'auth.invalid_credentials'
  | 'auth.token_expired'
  | 'auth.token_invalid'
  | 'auth.refresh_reused'
  | 'auth.too_many_attempts'
  | 'auth.forbidden'
  | 'auth.out_of_scope'
  | 'auth.csrf_rejected'
  | 'auth.link_invalid'
  | 'auth.link_expired'
  | 'resource.not_found'
  | 'state.conflict'
  | 'state.invalid_transition'
  | 'organization.ineligible'
  | 'organization.name_taken'
  | 'task.not_admitted'
  | 'budget.insufficient'
  | 'fund.insufficient'
  | 'vote.already_cast'
  | 'vote.not_eligible'
  | 'activity.full'
  | 'time_bank.insufficient_credits'
  | 'tender.closed'
  | 'panel.too_few_eligible'
  | 'file.too_large'
  | 'file.unsupported_type'
  | 'file.unreadable'
  | 'document.not_scanned'
  | 'document.infected'
  | 'document.wrong_purpose'
  | 'document.sealed'
  | 'disbursement.deliverables_missing'
  | 'scanner.unavailable'
  | 'import.invalid_file'
  | 'import.rows_invalid'
  | 'grant.duties_conflict'
  | 'region.name_taken'
  | 'catalog.code_taken'
  | 'reference.retired'
  | 'retire.live_children'
  | 'export.expired'
  | 'ocds.bulk_unavailable'
  | 'webhook.invalid_signature'
  | 'payments.unavailable'
  | 'payments.provider_error'
  | 'idempotency.key_reused'
  | 'idempotency.in_flight'
  | 'precondition.failed'
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError('resource.not_found', `${what} not found`, id ? { id } : undefined);
