import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { beneficiaryLine } from './service-records.sql.js';

/**
 * The record as seen by a resident listed on it, who may answer it (confirm, dispute) or rate it
 * while it is live (submitted or approved). Anyone not listed is told it does not exist.
 */
export async function requireLiveListing(
  m: Queryable,
  recordId: string,
  residentId: string,
  lock = false,
): Promise<void> {
  const line = await beneficiaryLine(m, recordId, residentId, lock);
  if (!line) throw notFound('Service record', recordId);
  if (!['submitted', 'approved'].includes(line.status))
    throw new DomainError('state.invalid_transition', `The record is ${line.status}`);
}
