import type { Queryable } from '../../common/database/queryable.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { RegionLevel } from './region.entity.js';
import { shareLockRegionsOfLevel } from './regions.sql.js';

/**
 * The one check for "something new is placed in these regions" (an organization's home street and
 * communities, a tender's street and communities, a need, a residency request): every id names a
 * region of `level` (under `parentId`, when given) that is live. Ids in `kept` (what the record
 * already names) may stay once retired, so old records still edit. The rows are locked FOR SHARE,
 * so a concurrent retirement waits for this transaction.
 */
export async function requireLiveRegions(
  m: Queryable,
  ids: readonly string[],
  rule: { level: RegionLevel; field: string; parentId?: string; kept?: readonly string[] },
): Promise<void> {
  const wanted = [...new Set(ids)];
  const rows = await shareLockRegionsOfLevel(m, wanted, rule.level, rule.parentId ?? null);
  if (rows.length !== wanted.length)
    throw new DomainError(
      'validation.failed',
      `${rule.field} must name existing ${rule.level === 'community' ? 'communities' : `${rule.level}s`}${rule.parentId ? ' of that street' : ''}`,
      { field: rule.field },
    );
  const retired = rows.filter((r) => r.retired && !rule.kept?.includes(r.id)).map((r) => r.id);
  if (retired.length)
    throw new DomainError(
      'reference.retired',
      `Retired regions cannot be chosen any more: ${retired.join(', ')}`,
      {
        field: rule.field,
        ids: retired,
      },
    );
}
