import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AuditService } from '../../common/audit/audit.service.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { DEFAULT_SCORING_WEIGHTS } from './score.entity.js';
import type { Tier } from './scoring.dto.js';
import {
  DEFAULT_ACCEPTANCE_WEIGHT,
  scoreUnder,
  type StoredSnapshot,
  type WeightSettings,
} from './scoring-weights.js';
import type { StreetWeightsDto, WeightsPreviewDto, WeightsPreviewRowDto } from './scoring-weights.dto.js';

/**
 * Writes a street's weights and satisfaction settings, under the caller's lock of the street's
 * settings. Without an acceptance weight (the platform admin's street settings), the street keeps its own.
 */
export async function saveScoringWeights(
  m: EntityManager,
  streetId: string,
  input: Omit<WeightSettings, 'acceptanceWeight'> & { acceptanceWeight?: number },
): Promise<void> {
  const w = input.weights;
  await m.query(
    `INSERT INTO scoring_weights (street_id, delivery, satisfaction, compliance, capacity, reach, prior_mean, prior_weight, acceptance_weight)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, ${DEFAULT_ACCEPTANCE_WEIGHT}))
     ON CONFLICT (street_id) DO UPDATE SET delivery = EXCLUDED.delivery, satisfaction = EXCLUDED.satisfaction,
       compliance = EXCLUDED.compliance, capacity = EXCLUDED.capacity, reach = EXCLUDED.reach,
       prior_mean = EXCLUDED.prior_mean, prior_weight = EXCLUDED.prior_weight,
       acceptance_weight = coalesce($9, scoring_weights.acceptance_weight)`,
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

/** The street director edits the street's weights (a platform admin may too, as AccessService lets them everywhere). */
const EDITORS = ['street_director'] as const;

/**
 * A street's scoring weights (scoring_weights, read by the scoring statement), kept by its director:
 * read with the platform defaults where the street has no row, replaced with an audit entry, and
 * previewed against the organizations' latest snapshots. A change applies from the next scoring run:
 * nothing is recomputed here, and snapshots keep the weights they were computed with.
 */
@Injectable()
export class ScoringWeightsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser, streetId: string): Promise<StreetWeightsDto> {
    const weights = await this.read(this.dataSource.manager, streetId);
    await this.access.requireRegion(user, EDITORS, streetId);
    return weights;
  }

  async replace(user: AuthUser, streetId: string, input: WeightSettings): Promise<StreetWeightsDto> {
    await this.read(this.dataSource.manager, streetId);
    await this.access.requireRegion(user, EDITORS, streetId);
    checkWeightsSum(input.weights);
    return this.dataSource.transaction(async (m) => {
      // The same lock as the platform admin's street settings, which also write this row.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('street_settings:' || $1))`, [streetId]);
      const before = await this.read(m, streetId);
      await saveScoringWeights(m, streetId, input);
      const after = await this.read(m, streetId);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'scoring_weights.replaced',
        entityType: 'street',
        entityId: streetId,
        before: settingsOf(before),
        after: settingsOf(after),
      });
      return after;
    });
  }

  /** Each organization of the street (home street) under the proposed weights, beside its latest snapshot. */
  async preview(user: AuthUser, streetId: string, proposed: WeightSettings): Promise<WeightsPreviewDto> {
    await this.read(this.dataSource.manager, streetId);
    await this.access.requireRegion(user, EDITORS, streetId);
    checkWeightsSum(proposed.weights);
    const rows: {
      id: string;
      name: string;
      score: number | null;
      tier: Tier | null;
      indicators: StoredSnapshot['indicators'] | null;
      inputs: StoredSnapshot['inputs'] | null;
      periodEnd: string | null;
      formulaVersion: string | null;
    }[] = await this.dataSource.query(
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
    const organizations = rows.map((r): WeightsPreviewRowDto => {
      if (r.score === null || r.tier === null || !r.indicators || !r.inputs)
        return { organizationId: r.id, name: r.name, current: null, proposed: null, change: null };
      const under = scoreUnder(
        { score: r.score, tier: r.tier, indicators: r.indicators, inputs: r.inputs },
        proposed,
      );
      return {
        organizationId: r.id,
        name: r.name,
        current: { score: r.score, tier: r.tier, periodEnd: r.periodEnd!, formulaVersion: r.formulaVersion! },
        proposed: { score: under.score, tier: under.tier },
        change: Math.round((under.score - r.score) * 100) / 100,
      };
    });
    return { streetId, organizations };
  }

  private async read(m: EntityManager, streetId: string): Promise<StreetWeightsDto> {
    const [row] = await m.query(
      `SELECT s.name, w.street_id IS NULL AS defaults, w.delivery, w.satisfaction, w.compliance, w.capacity, w.reach,
              w.prior_mean::float8 AS "priorMean", w.prior_weight AS "priorWeight", w.acceptance_weight AS "acceptanceWeight"
         FROM regions s LEFT JOIN scoring_weights w ON w.street_id = s.id
        WHERE s.id = $1 AND s.level = 'street'`,
      [streetId],
    );
    if (!row) throw notFound('Street', streetId);
    const d = DEFAULT_SCORING_WEIGHTS;
    const base = { streetId, streetName: row.name as string, appliesFrom: 'next_run' as const };
    if (row.defaults)
      return {
        ...base,
        defaults: true,
        weights: { ...d.weights },
        priorMean: d.priorMean,
        priorWeight: d.priorWeight,
        acceptanceWeight: DEFAULT_ACCEPTANCE_WEIGHT,
      };
    return {
      ...base,
      defaults: false,
      weights: {
        delivery: row.delivery,
        satisfaction: row.satisfaction,
        compliance: row.compliance,
        capacity: row.capacity,
        reach: row.reach,
      },
      priorMean: row.priorMean,
      priorWeight: row.priorWeight,
      acceptanceWeight: row.acceptanceWeight,
    };
  }
}

/** The five indicator weights are percents of the score: they must sum to 100. */
export function checkWeightsSum(weights: WeightSettings['weights']): void {
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (sum !== 100)
    throw new DomainError('validation.failed', `The weights must sum to 100; these sum to ${sum}`, {
      field: 'weights',
    });
}

const settingsOf = ({ weights, priorMean, priorWeight, acceptanceWeight, defaults }: StreetWeightsDto) => ({
  weights,
  priorMean,
  priorWeight,
  acceptanceWeight,
  defaults,
});
