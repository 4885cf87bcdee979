import type { EntityManager } from 'typeorm';

/** The score (0–100) an organization without a performance history is given: neither rewarded nor punished. */
export const NEUTRAL_PERFORMANCE_PRIOR = 70;

/**
 * An organization's current performance score (0–100) for the past-performance component of
 * tender evaluation. The one place evaluation reads it from; until the scoring workers produce
 * snapshots, every organization gets the neutral prior.
 */
export async function pastPerformanceScores(
  _db: Pick<EntityManager, 'query'>,
  organizationIds: string[],
): Promise<Map<string, number>> {
  return new Map(organizationIds.map((id) => [id, NEUTRAL_PERFORMANCE_PRIOR]));
}
