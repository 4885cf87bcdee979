import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/domain-error.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import {
  INDICATORS,
  type IndicatorValuesDto,
  type LeaderboardEntryDto,
  type LeaderboardPageDto,
  type LeaderboardQueryDto,
  type OrganizationScoreDto,
  type ScoreHistoryPointDto,
  type ScoreInputsDto,
  type ScoreSnapshotDto,
  type Tier,
} from './scoring.dto.js';
import { FORMULA_V1, FORMULA_VERSION } from './scoring.sql.js';

/** The formula before the one in force, whose last snapshot the score page shows beside the current one. */
const PREVIOUS_FORMULA = FORMULA_V1;

const INPUT_KEYS: (keyof ScoreInputsDto)[] = [
  'approvedHours',
  'contractedHours',
  'milestonesDue',
  'milestonesOnTime',
  'ratings',
  'ratingTotal',
  'records',
  'rejected',
  'members',
  'qualified',
  'beneficiaries',
  'communities',
  'priorMean',
  'priorWeight',
];
/** Formula v2's inputs: null when the snapshot has none (v1, or no acceptance rating for the mean). */
const V2_INPUT_KEYS: (keyof ScoreInputsDto)[] = [
  'acceptanceRatings',
  'acceptanceMean',
  'residentSatisfaction',
  'acceptanceSatisfaction',
  'acceptanceWeight',
  'upheldComplaints',
  'reportsDue',
  'reportsLate',
  'reportsMissing',
  'membersAtStart',
  'membersRetained',
  'needsAddressed',
];

/** How many month ends the history goes back (the latest snapshot included). */
export const HISTORY_MONTHS = 12;

/**
 * The public reading side of scoring (PRODUCT §7–8): an organization's latest snapshot with its breakdown
 * and history, and a street's leaderboard. Only snapshots of the formula in force are shown, so the
 * numbers on one page always come from the same formula.
 */
@Injectable()
export class ScoreReadService {
  constructor(private readonly dataSource: DataSource) {}

  /** A verified organization's score page; unknown and unverified organizations are not found. */
  organizationScore(organizationId: string, from: ReadFrom = 'primary'): Promise<OrganizationScoreDto> {
    return onReplica(this.dataSource, (m) => this.scorePage(m, organizationId), from);
  }

  private async scorePage(m: EntityManager, organizationId: string): Promise<OrganizationScoreDto> {
    const [org]: { id: string; name: string; homeStreetId: string; homeStreetName: string }[] = await m.query(
      `SELECT o.id, o.name, o.home_street_id AS "homeStreetId", s.name AS "homeStreetName"
           FROM organizations o JOIN regions s ON s.id = o.home_street_id
          WHERE o.id = $1 AND o.status = 'verified'`,
      [organizationId],
    );
    if (!org) throw notFound('Organization', organizationId);
    const snapshotOf = async (formula: string, order: 'DESC' | 'ASC'): Promise<SnapshotRow | undefined> =>
      (
        (await m.query(
          `SELECT period_end::text AS "periodEnd", (period_end - interval '12 months')::date::text AS "periodStart",
                  formula_version AS "formulaVersion", score::float8 AS score, tier, indicators, inputs, computed_at AS "computedAt"
             FROM score_snapshots WHERE organization_id = $1 AND formula_version = $2
            ORDER BY period_end ${order} LIMIT 1`,
          [organizationId, formula],
        )) as SnapshotRow[]
      )[0];
    const latest = await snapshotOf(FORMULA_VERSION, 'DESC');
    // The formula change: the last snapshot of the previous formula beside the first of the one in force.
    const previous = latest ? await snapshotOf(PREVIOUS_FORMULA, 'DESC') : undefined;
    const first = previous ? await snapshotOf(FORMULA_VERSION, 'ASC') : undefined;
    const history: HistoryRow[] = latest
      ? await m.query(
          `SELECT * FROM (
             SELECT DISTINCT ON (date_trunc('month', period_end)) period_end::text AS "periodEnd",
                    formula_version AS "formulaVersion", score::float8 AS score, tier, indicators
               FROM score_snapshots WHERE organization_id = $1 AND formula_version = $2
              ORDER BY date_trunc('month', period_end) DESC, period_end DESC LIMIT $3) h
            ORDER BY "periodEnd"`,
          [organizationId, FORMULA_VERSION, HISTORY_MONTHS],
        )
      : [];
    return {
      organizationId: org.id,
      organizationName: org.name,
      homeStreetId: org.homeStreetId,
      homeStreetName: org.homeStreetName,
      current: latest ? toSnapshot(latest) : null,
      history: history.map((h): ScoreHistoryPointDto => ({
        periodEnd: h.periodEnd,
        formulaVersion: h.formulaVersion,
        score: h.score,
        tier: h.tier,
        indicators: toIndicators(h.indicators),
      })),
      formulaChange: previous && first ? { previous: toSnapshot(previous), next: toSnapshot(first) } : null,
    };
  }

  /**
   * The scored, verified organizations of a street (home street, or serving one of its communities), best
   * first, filtered, one page of them. Ranks count within the filtered list; equal scores share a rank.
   */
  leaderboard(
    streetId: string,
    query: LeaderboardQueryDto,
    from: ReadFrom = 'primary',
  ): Promise<LeaderboardPageDto> {
    return onReplica(this.dataSource, (m) => this.leaderboardPage(m, streetId, query), from);
  }

  private async leaderboardPage(
    m: EntityManager,
    streetId: string,
    query: LeaderboardQueryDto,
  ): Promise<LeaderboardPageDto> {
    const [street]: { id: string; name: string }[] = await m.query(
      `SELECT id, name FROM regions WHERE id = $1 AND level = 'street'`,
      [streetId],
    );
    if (!street) throw notFound('Street', streetId);
    const [row]: { total: number; items: LeaderboardRow[] | null }[] = await m.query(
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
       page AS (SELECT * FROM filtered ORDER BY current_score DESC, name, id LIMIT $6 OFFSET $7)
       SELECT (SELECT count(*) FROM filtered)::int AS total,
              (SELECT json_agg(json_build_object('rank', p.rank, 'organizationId', p.id, 'name', p.name, 'type', p.type,
                        'score', p.current_score, 'tier', p.current_tier, 'periodEnd', s.period_end, 'indicators', s.indicators)
                        ORDER BY p.current_score DESC, p.name, p.id)
                 FROM page p LEFT JOIN LATERAL (
                   SELECT period_end, indicators FROM score_snapshots
                    WHERE organization_id = p.id AND formula_version = $8 ORDER BY period_end DESC LIMIT 1) s ON true) AS items`,
      [
        streetId,
        query.tier?.length ? query.tier : null,
        query.category ?? null,
        query.category ? `${likeEscape(query.category)}.%` : null,
        query.communityId ?? null,
        query.pageSize,
        (query.page - 1) * query.pageSize,
        FORMULA_VERSION,
      ],
    );
    return {
      streetId: street.id,
      streetName: street.name,
      total: row.total,
      page: query.page,
      pageSize: query.pageSize,
      items: (row.items ?? []).map((r): LeaderboardEntryDto => ({
        rank: Number(r.rank),
        organizationId: r.organizationId,
        name: r.name,
        type: r.type,
        score: Number(r.score),
        tier: r.tier,
        periodEnd: r.periodEnd,
        indicators: toIndicators(r.indicators),
      })),
    };
  }
}

interface SnapshotRow {
  periodEnd: string;
  periodStart: string;
  formulaVersion: string;
  score: number;
  tier: Tier;
  indicators: Record<string, unknown>;
  inputs: Record<string, unknown>;
  computedAt: Date;
}
type HistoryRow = Pick<SnapshotRow, 'periodEnd' | 'formulaVersion' | 'score' | 'tier' | 'indicators'>;
interface LeaderboardRow extends Omit<LeaderboardEntryDto, 'indicators'> {
  indicators: Record<string, unknown>;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

const orNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

const toIndicators = (values: Record<string, unknown> | null | undefined): IndicatorValuesDto =>
  Object.fromEntries(INDICATORS.map((k) => [k, num(values?.[k])])) as unknown as IndicatorValuesDto;

function toSnapshot(row: SnapshotRow): ScoreSnapshotDto {
  const { weights, ...inputs } = row.inputs as Record<string, unknown> & {
    weights?: Record<string, unknown>;
  };
  return {
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    formulaVersion: row.formulaVersion,
    score: row.score,
    tier: row.tier,
    indicators: toIndicators(row.indicators),
    weights: toIndicators(weights),
    inputs: Object.fromEntries([
      ...INPUT_KEYS.map((k) => [k, num(inputs[k])]),
      ...V2_INPUT_KEYS.map((k) => [k, orNull(inputs[k])]),
    ]) as unknown as ScoreInputsDto,
    computedAt: row.computedAt,
  };
}
