import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { DEFAULT_DIRECTOR_THRESHOLD_FEN } from '../disbursements/disbursements.service.js';
import {
  checkRules,
  IncentivesService,
  type IncentiveRuleInput,
  type IncentiveRuleSet,
} from '../incentives/incentives.service.js';
import { DEFAULT_SCORING_WEIGHTS } from '../scoring/score.entity.js';
import { ScoreTrigger } from '../scoring/score-trigger.js';
import { checkWeightsSum, saveScoringWeights } from '../scoring/scoring-weights.service.js';
import * as sql from './street-settings.sql.js';

type Weights = {
  delivery: number;
  satisfaction: number;
  compliance: number;
  capacity: number;
  reach: number;
};

export interface StreetSettingsInput {
  directorThresholdFen: number;
  weights: Weights;
  priorMean: number;
  priorWeight: number;
  /** Omitted: unchanged; empty: back to the platform defaults. */
  incentiveRules?: IncentiveRuleInput[];
}

export interface StreetSettings {
  streetId: string;
  streetName: string;
  directorThresholdFen: number;
  weights: Weights;
  priorMean: number;
  priorWeight: number;
  defaults: boolean;
  incentiveRules: IncentiveRuleSet;
  /** Sent as the ETag; raised by every write of the threshold, the weights or the rule set. */
  version: number;
}

/**
 * A street's settings, set by platform admins: the amount from which disbursements also need the
 * director (street_settings), the scoring weights and prior (scoring_weights; the scoring statement
 * reads them) and the incentive rules (through IncentivesService). A street without rows of its own
 * uses the platform defaults.
 */
@Injectable()
export class StreetSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly incentives: IncentivesService,
    private readonly scores: ScoreTrigger,
  ) {}

  get(streetId: string): Promise<StreetSettings> {
    return this.read(this.dataSource.manager, streetId);
  }

  async replace(
    user: AuthUser,
    streetId: string,
    input: StreetSettingsInput,
    expectedVersion?: number,
  ): Promise<StreetSettings> {
    checkWeightsSum(input.weights);
    if (input.incentiveRules) checkRules(input.incentiveRules, 'incentiveRules');
    const { before, after } = await this.dataSource.transaction(async (m) => {
      // One change of a street's settings at a time, each reading what it replaces.
      await sql.lockStreetSettings(m, streetId);
      const before = await this.read(m, streetId);
      requireVersion(expectedVersion, before.version);
      await sql.upsertDirectorThreshold(m, streetId, input.directorThresholdFen);
      await saveScoringWeights(m, streetId, input);
      if (input.incentiveRules)
        await this.incentives.replaceRulesIn(m, user.id, streetId, input.incentiveRules);
      const after = await this.read(m, streetId);
      await this.audit.recordChange(m, user.id, 'street_settings.replaced', ['street', streetId], {
        before: scalars(before),
        after: scalars(after),
      });
      return { before, after };
    });
    // New weights count from the next recompute: ask for one for the street's organizations now.
    if (JSON.stringify(scoring(before)) !== JSON.stringify(scoring(after))) {
      for (const id of await sql.selectVerifiedOrganizationIds(this.dataSource, streetId))
        await this.scores.organizationChanged(id);
    }
    return after;
  }

  private async read(m: EntityManager, streetId: string): Promise<StreetSettings> {
    const row = await sql.selectStreetSettings(m, streetId);
    if (!row) throw notFound('Street', streetId);
    const d = DEFAULT_SCORING_WEIGHTS;
    const own = row.delivery !== null;
    return {
      streetId,
      streetName: row.name,
      directorThresholdFen: row.threshold ?? DEFAULT_DIRECTOR_THRESHOLD_FEN,
      weights: own
        ? {
            delivery: row.delivery!,
            satisfaction: row.satisfaction,
            compliance: row.compliance,
            capacity: row.capacity,
            reach: row.reach,
          }
        : { ...d.weights },
      priorMean: own ? row.priorMean : d.priorMean,
      priorWeight: own ? row.priorWeight : d.priorWeight,
      defaults: row.defaults,
      incentiveRules: await this.incentives.rulesOf(streetId, m),
      version: row.version,
    };
  }
}

/** The settings this service owns (the incentive rules have their own audit entry). */
const scalars = ({ incentiveRules: _rules, version: _version, ...rest }: StreetSettings) => rest;
const scoring = (s: StreetSettings) => [s.weights, s.priorMean, s.priorWeight];
