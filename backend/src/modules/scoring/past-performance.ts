import type { EntityManager } from 'typeorm';
import { FORMULA_VERSION } from './scoring.sql.js';

/** The score (0–100) an organization without a performance history is given: neither rewarded nor punished. */
export const NEUTRAL_PERFORMANCE_PRIOR = 70;

/**
 * Each organization's current performance score (0–100) for the past-performance component of
 * tender evaluation: its latest snapshot, or the neutral prior when it has none yet.
 */
export async function pastPerformanceScores(
  db: Pick<EntityManager, 'query'>,
  organizationIds: string[],
): Promise<Map<string, number>> {
  const rows: { organization_id: string; score: number }[] = await db.query(
    `SELECT DISTINCT ON (organization_id) organization_id, score::float8 AS score FROM score_snapshots
      WHERE organization_id = ANY($1::uuid[]) AND formula_version = $2 ORDER BY organization_id, period_end DESC`,
    [organizationIds, FORMULA_VERSION],
  );
  const scores = new Map(rows.map((r) => [r.organization_id, r.score]));
  return new Map(organizationIds.map((id) => [id, scores.get(id) ?? NEUTRAL_PERFORMANCE_PRIOR]));
}
