import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import type { Tier } from './scoring.dto.js';
import { DEFAULT_ACCEPTANCE_WEIGHT, type StoredSnapshot, type WeightSettings } from './scoring-weights.js';

/** Streets' scoring weights (scoring_weights) and what the preview reads. */

/**
 * Writes a street's weights and satisfaction settings, under the caller's lock of the street's
 * settings, one version up. Without an acceptance weight (the platform admin's street settings), the street keeps its own.
 */
export async function saveScoringWeights(
  db: Queryable,
  streetId: string,
  input: Omit<WeightSettings, 'acceptanceWeight'> & { acceptanceWeight?: number },
): Promise<void> {
  const w = input.weights;
  await db.query(
    `INSERT INTO scoring_weights (street_id, delivery, satisfaction, compliance, capacity, reach, prior_mean, prior_weight, acceptance_weight, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, ${DEFAULT_ACCEPTANCE_WEIGHT}), 1)
     ON CONFLICT (street_id) DO UPDATE SET delivery = EXCLUDED.delivery, satisfaction = EXCLUDED.satisfaction,
       compliance = EXCLUDED.compliance, capacity = EXCLUDED.capacity, reach = EXCLUDED.reach,
       prior_mean = EXCLUDED.prior_mean, prior_weight = EXCLUDED.prior_weight,
       acceptance_weight = coalesce($9, scoring_weights.acceptance_weight), version = scoring_weights.version + 1`,
    [
      streetId,
      w.delivery,
      w.satisfaction,
      w.compliance,
      w.capacity,
      w.reach,
      input.priorMean,
      input.priorWeight,
      input.acceptanceWeight ?? null,
    ],
  );
}

/** The lock of a street's settings, shared with the platform admin's street settings (which also write weights). */
export const lockStreetSettings = (db: Queryable, streetId: string) =>
  db.query(`SELECT pg_advisory_xact_lock(hashtext('street_settings:' || $1))`, [streetId]);

/** The scoring_weights columns a street's settings read besides `delivery` (which may be absent). */
export interface StreetWeightColumns {
  satisfaction: number;
  compliance: number;
  capacity: number;
  reach: number;
  priorMean: number;
  priorWeight: number;
}

/** A street's name and its weights row (`defaults` when it has none). */
export const streetWeights = (db: Queryable, streetId: string) =>
  selectOne<
    StreetWeightColumns & {
      name: string;
      defaults: boolean;
      delivery: number;
      acceptanceWeight: number;
      version: number;
    }
  >(
    db,
    `SELECT s.name, w.street_id IS NULL AS defaults, coalesce(w.version, 0) AS version, w.delivery, w.satisfaction, w.compliance, w.capacity, w.reach,
            w.prior_mean::float8 AS "priorMean", w.prior_weight AS "priorWeight", w.acceptance_weight AS "acceptanceWeight"
       FROM regions s LEFT JOIN scoring_weights w ON w.street_id = s.id
      WHERE s.id = $1 AND s.level = 'street'`,
    [streetId],
  );

/** The verified organizations of a street with their latest snapshot (of any formula), best first. */
export const latestSnapshotsOfStreet = (db: Queryable, streetId: string) =>
  selectRows<{
    id: string;
    name: string;
    score: number | null;
    tier: Tier | null;
    indicators: StoredSnapshot['indicators'] | null;
    inputs: StoredSnapshot['inputs'] | null;
    periodEnd: string | null;
    formulaVersion: string | null;
  }>(
    db,
    `SELECT o.id, o.name, s.score, s.tier, s.indicators, s.inputs, s."periodEnd", s."formulaVersion"
       FROM organizations o
       LEFT JOIN LATERAL (
         SELECT score::float8 AS score, tier, indicators, inputs, period_end::text AS "periodEnd", formula_version AS "formulaVersion"
           FROM score_snapshots WHERE organization_id = o.id
          ORDER BY period_end DESC, formula_version DESC LIMIT 1) s ON true
      WHERE o.home_street_id = $1 AND o.status = 'verified'
      ORDER BY s.score DESC NULLS LAST, o.name, o.id`,
    [streetId],
  );
