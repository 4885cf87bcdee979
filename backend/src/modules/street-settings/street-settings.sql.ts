import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { StreetWeightColumns } from '../scoring/scoring-weights.sql.js';

/** One change of a street's settings at a time: the same lock as its scoring weights'. */
export { lockStreetSettings } from '../scoring/scoring-weights.sql.js';

/**
 * The street with its own threshold and scoring weights (nulls where it has none), and the version
 * of its settings as a whole: the sum of its parts' versions (threshold, weights, incentive rule
 * set), which every write of any part raises.
 */
export const selectStreetSettings = (db: Queryable, streetId: string) =>
  selectOne<
    StreetWeightColumns & {
      name: string;
      threshold: number | null;
      delivery: number | null;
      defaults: boolean;
      version: number;
    }
  >(
    db,
    `SELECT s.name, ss.director_threshold_fen AS threshold, w.delivery, w.satisfaction, w.compliance,
            w.capacity, w.reach, w.prior_mean::float8 AS "priorMean", w.prior_weight AS "priorWeight",
            ss.street_id IS NULL AND w.street_id IS NULL AS defaults,
            (coalesce(ss.version, 0) + coalesce(w.version, 0) + coalesce(rs.version, 0))::int AS version
       FROM regions s
       LEFT JOIN street_settings ss ON ss.street_id = s.id
       LEFT JOIN scoring_weights w ON w.street_id = s.id
       LEFT JOIN incentive_rule_sets rs ON rs.street_id = s.id
      WHERE s.id = $1 AND s.level = 'street'`,
    [streetId],
  );

export async function upsertDirectorThreshold(
  db: Queryable,
  streetId: string,
  thresholdFen: number,
): Promise<void> {
  await db.query(
    `INSERT INTO street_settings (street_id, director_threshold_fen) VALUES ($1, $2)
     ON CONFLICT (street_id) DO UPDATE SET director_threshold_fen = EXCLUDED.director_threshold_fen,
                                           version = street_settings.version + 1`,
    [streetId, thresholdFen],
  );
}

/** The verified organizations homed in the street. */
export const selectVerifiedOrganizationIds = async (db: Queryable, streetId: string) =>
  (
    await selectRows<{ id: string }>(
      db,
      `SELECT id FROM organizations WHERE home_street_id = $1 AND status = 'verified'`,
      [streetId],
    )
  ).map((o) => o.id);
