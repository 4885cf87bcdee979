import type { Queryable } from '../../common/database/queryable.js';
import { latestScores } from './score-reads.sql.js';

/** The score (0–100) an organization without a performance history is given: neither rewarded nor punished. */
export const NEUTRAL_PERFORMANCE_PRIOR = 70;

/**
 * Each organization's current performance score (0–100) for the past-performance component of
 * tender evaluation: its latest snapshot, or the neutral prior when it has none yet.
 */
export async function pastPerformanceScores(
  db: Queryable,
  organizationIds: string[],
): Promise<Map<string, number>> {
  const rows = await latestScores(db, organizationIds);
  const scores = new Map(rows.map((r) => [r.organization_id, r.score]));
  return new Map(organizationIds.map((id) => [id, scores.get(id) ?? NEUTRAL_PERFORMANCE_PRIOR]));
}
