import type { Queryable } from '../../common/database/queryable.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { shareLockCategories } from './catalog.sql.js';

/**
 * The one check for "a user picks catalog categories for something new" (a tender, an
 * organization's categories, a need): every code must be in the catalog and live. Codes in `kept`
 * (what the record already names) may stay even once retired, so old records still edit and show.
 * The rows are locked FOR SHARE, so a concurrent retirement waits for this transaction.
 */
export async function requireLiveCategories(
  m: Queryable,
  codes: readonly string[],
  field: string,
  kept: readonly string[] = [],
): Promise<void> {
  const wanted = [...new Set(codes)];
  const rows = await shareLockCategories(m, wanted);
  const unknown = wanted.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length)
    throw new DomainError(
      'validation.failed',
      `${field} must name entries of the service catalog; unknown: ${unknown.join(', ')}`,
      { field, codes: unknown },
    );
  const retired = rows.filter((r) => r.retired && !kept.includes(r.code)).map((r) => r.code);
  if (retired.length)
    throw new DomainError(
      'reference.retired',
      `Retired catalog entries cannot be chosen any more: ${retired.join(', ')}`,
      { field, codes: retired },
    );
}
