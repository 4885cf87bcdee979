import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageStart } from '../../common/database/keyset.js';
import { notFound } from '../../common/errors/domain-error.js';
import { pageOf } from '../../common/pagination/page.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import {
  INDICATORS,
  type IndicatorValuesDto,
  type LeaderboardEntryDto,
  type LeaderboardPage,
  type LeaderboardQueryDto,
  type OrganizationScoreDto,
  type ScoreHistoryPointDto,
  type ScoreInputsDto,
  type ScoreSnapshotDto,
} from './scoring.dto.js';
import {
  leaderboardPage,
  type LeaderboardKeyset,
  monthlyHistory,
  scoredOrganization,
  snapshotOf,
  streetOf,
  type SnapshotRow,
} from './score-reads.sql.js';
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
    const org = await scoredOrganization(m, organizationId);
    if (!org) throw notFound('Organization', organizationId);
    const latest = await snapshotOf(m, organizationId, FORMULA_VERSION, 'DESC');
    // The formula change: the last snapshot of the previous formula beside the first of the one in force.
    const previous = latest ? await snapshotOf(m, organizationId, PREVIOUS_FORMULA, 'DESC') : undefined;
    const first = previous ? await snapshotOf(m, organizationId, FORMULA_VERSION, 'ASC') : undefined;
    const history = latest ? await monthlyHistory(m, organizationId, HISTORY_MONTHS) : [];
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
  ): Promise<LeaderboardPage> {
    return onReplica(this.dataSource, (m) => this.leaderboardOf(m, streetId, query), from);
  }

  private async leaderboardOf(
    m: EntityManager,
    streetId: string,
    query: LeaderboardQueryDto,
  ): Promise<LeaderboardPage> {
    const street = await streetOf(m, streetId);
    if (!street) throw notFound('Street', streetId);
    const after = pageStart<NonNullable<LeaderboardKeyset>>(query.cursor, ['number', 'text', 'uuid']);
    const row = await leaderboardPage(m, streetId, query, after, query.limit + 1);
    const page = pageOf(
      row.items ?? [],
      query.limit,
      (r) => [r.scoreKey, r.name, r.organizationId],
      (r): LeaderboardEntryDto => ({
        rank: Number(r.rank),
        organizationId: r.organizationId,
        name: r.name,
        type: r.type,
        score: Number(r.score),
        tier: r.tier,
        periodEnd: r.periodEnd,
        indicators: toIndicators(r.indicators),
      }),
    );
    return { streetId: street.id, streetName: street.name, total: row.total, ...page };
  }
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
