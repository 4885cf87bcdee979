import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../common/database/queryable.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AuditService } from '../../common/audit/audit.service.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { DEFAULT_SCORING_WEIGHTS } from './score.entity.js';
import { DEFAULT_ACCEPTANCE_WEIGHT, scoreUnder, type WeightSettings } from './scoring-weights.js';
import {
  latestSnapshotsOfStreet,
  lockStreetSettings,
  saveScoringWeights,
  streetWeights,
} from './scoring-weights.sql.js';
import type { StreetWeightsDto, WeightsPreviewDto, WeightsPreviewRowDto } from './scoring-weights.dto.js';

export { saveScoringWeights } from './scoring-weights.sql.js';

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

  /** `expected` is the version the director edited (If-Match): 412 when someone saved weights since. */
  async replace(
    user: AuthUser,
    streetId: string,
    input: WeightSettings,
    expected?: number,
  ): Promise<StreetWeightsDto> {
    await this.read(this.dataSource.manager, streetId);
    await this.access.requireRegion(user, EDITORS, streetId);
    checkWeightsSum(input.weights);
    return this.dataSource.transaction(async (m) => {
      // The same lock as the platform admin's street settings, which also write this row.
      await lockStreetSettings(m, streetId);
      const before = await this.read(m, streetId);
      requireVersion(expected, before.version);
      await saveScoringWeights(m, streetId, input);
      const after = await this.read(m, streetId);
      await this.audit.recordChange(m, user.id, 'scoring_weights.replaced', ['street', streetId], {
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
    const rows = await latestSnapshotsOfStreet(this.dataSource, streetId);
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

  private async read(m: Queryable, streetId: string): Promise<StreetWeightsDto> {
    const row = await streetWeights(m, streetId);
    if (!row) throw notFound('Street', streetId);
    const d = DEFAULT_SCORING_WEIGHTS;
    const base = { streetId, streetName: row.name, appliesFrom: 'next_run' as const, version: row.version };
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
