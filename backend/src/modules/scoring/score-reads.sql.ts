import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { LeaderboardEntryDto, LeaderboardQueryDto, Tier } from './scoring.dto.js';
import { FORMULA_VERSION } from './scoring.sql.js';

/** The reading side of scoring: score pages, leaderboards, past performance. */

export interface SnapshotRow {
  periodEnd: string;
  periodStart: string;
  formulaVersion: string;
  score: number;
  tier: Tier;
  indicators: Record<string, unknown>;
  inputs: Record<string, unknown>;
  computedAt: Date;
}
export type HistoryRow = Pick<SnapshotRow, 'periodEnd' | 'formulaVersion' | 'score' | 'tier' | 'indicators'>;
export interface LeaderboardRow extends Omit<LeaderboardEntryDto, 'indicators'> {
  indicators: Record<string, unknown>;
  /** The exact score, as the keyset compares it. */
  scoreKey: string;
}

export const scoredOrganization = (db: Queryable, organizationId: string) =>
  selectOne<{ id: string; name: string; homeStreetId: string; homeStreetName: string }>(
    db,
    `SELECT o.id, o.name, o.home_street_id AS "homeStreetId", s.name AS "homeStreetName"
       FROM organizations o JOIN regions s ON s.id = o.home_street_id
      WHERE o.id = $1 AND o.status = 'verified'`,
    [organizationId],
  );

/** The latest (DESC) or the first (ASC) snapshot of an organization under a formula. */
export const snapshotOf = (db: Queryable, organizationId: string, formula: string, order: 'DESC' | 'ASC') =>
  selectOne<SnapshotRow>(
    db,
    `SELECT period_end::text AS "periodEnd", (period_end - interval '12 months')::date::text AS "periodStart",
            formula_version AS "formulaVersion", score::float8 AS score, tier, indicators, inputs, computed_at AS "computedAt"
       FROM score_snapshots WHERE organization_id = $1 AND formula_version = $2
      ORDER BY period_end ${order === 'ASC' ? 'ASC' : 'DESC'} LIMIT 1`,
    [organizationId, formula],
  );

/** The last snapshot of each month, for the latest `months` months, oldest first. */
export const monthlyHistory = (db: Queryable, organizationId: string, months: number) =>
  selectRows<HistoryRow>(
    db,
    `SELECT * FROM (
       SELECT DISTINCT ON (date_trunc('month', period_end)) period_end::text AS "periodEnd",
              formula_version AS "formulaVersion", score::float8 AS score, tier, indicators
         FROM score_snapshots WHERE organization_id = $1 AND formula_version = $2
        ORDER BY date_trunc('month', period_end) DESC, period_end DESC LIMIT $3) h
      ORDER BY "periodEnd"`,
    [organizationId, FORMULA_VERSION, months],
  );

export const streetOf = (db: Queryable, streetId: string) =>
  selectOne<{ id: string; name: string }>(
    db,
    `SELECT id, name FROM regions WHERE id = $1 AND level = 'street'`,
    [streetId],
  );

/** Where a leaderboard page starts: after this (score, name, id), in (score DESC, name, id) order. */
export type LeaderboardKeyset = [score: string | number, name: string, id: string] | null;

/**
 * `limit` rows of a street's leaderboard after `after`, and the filtered total (ranks count
 * within the whole filtered list, whatever the page).
 */
export const leaderboardPage = async (
  db: Queryable,
  streetId: string,
  query: LeaderboardQueryDto,
  after: LeaderboardKeyset,
  limit: number,
) =>
  (await selectOne<{ total: number; items: LeaderboardRow[] | null }>(
    db,
    `WITH filtered AS (
       SELECT o.id, o.name, o.type, o.current_score, o.current_tier, rank() OVER (ORDER BY o.current_score DESC) AS rank
         FROM organizations o
        WHERE o.status = 'verified' AND o.current_score IS NOT NULL
          AND (o.home_street_id = $1 OR o.id IN (SELECT oc.organization_id FROM organization_communities oc
                 JOIN regions r ON r.id = oc.community_id WHERE r.parent_id = $1))
          AND ($2::text[] IS NULL OR o.current_tier = ANY($2::text[]))
          AND ($3::text IS NULL OR o.id IN (SELECT c.organization_id FROM organization_categories c
                 WHERE c.category_code = $3 OR c.category_code LIKE $4))
          AND ($5::uuid IS NULL OR o.id IN (SELECT oc.organization_id FROM organization_communities oc WHERE oc.community_id = $5))),
     page AS (SELECT * FROM filtered
               WHERE $6::numeric IS NULL OR current_score < $6::numeric
                  OR (current_score = $6::numeric AND (name, id) > ($7::text, $8::uuid))
               ORDER BY current_score DESC, name, id LIMIT $9)
     SELECT (SELECT count(*) FROM filtered)::int AS total,
            (SELECT json_agg(json_build_object('rank', p.rank, 'organizationId', p.id, 'name', p.name, 'type', p.type,
                      'score', p.current_score, 'scoreKey', p.current_score::text, 'tier', p.current_tier, 'periodEnd', s.period_end, 'indicators', s.indicators)
                      ORDER BY p.current_score DESC, p.name, p.id)
               FROM page p LEFT JOIN LATERAL (
                 SELECT period_end, indicators FROM score_snapshots
                  WHERE organization_id = p.id AND formula_version = $10 ORDER BY period_end DESC LIMIT 1) s ON true) AS items`,
    [
      streetId,
      query.tier?.length ? query.tier : null,
      query.category ?? null,
      query.category ? `${likeEscape(query.category)}.%` : null,
      query.communityId ?? null,
      ...(after ?? [null, null, null]),
      limit,
      FORMULA_VERSION,
    ],
  ))!;

/** Each organization's latest snapshot score under the formula in force (none for the unscored). */
export const latestScores = (db: Queryable, organizationIds: string[]) =>
  selectRows<{ organization_id: string; score: number }>(
    db,
    `SELECT DISTINCT ON (organization_id) organization_id, score::float8 AS score FROM score_snapshots
      WHERE organization_id = ANY($1::uuid[]) AND formula_version = $2 ORDER BY organization_id, period_end DESC`,
    [organizationIds, FORMULA_VERSION],
  );
