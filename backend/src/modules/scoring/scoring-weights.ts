import type { Indicator, Tier } from './scoring.dto.js';

/** A street's weights as the director edits them (percent, summing to 100) with the satisfaction settings. */
export interface WeightSettings {
  weights: Record<Indicator, number>;
  priorMean: number;
  priorWeight: number;
  /** Percent of satisfaction from acceptance ratings, when the organization has any. */
  acceptanceWeight: number;
}

/** What a preview reads of a stored snapshot. */
export interface StoredSnapshot {
  score: number;
  tier: Tier;
  indicators: Partial<Record<string, number>>;
  inputs: Partial<Record<string, unknown>>;
}

/** The column default of scoring_weights.acceptance_weight (DEFAULT_SCORING_WEIGHTS predates it). */
export const DEFAULT_ACCEPTANCE_WEIGHT = 30;

/** Score → tier (PRODUCT §7): A ≥ 85, B ≥ 70, C ≥ 60, D below. */
export const tierOf = (score: number): Tier =>
  score >= 85 ? 'A' : score >= 70 ? 'B' : score >= 60 ? 'C' : 'D';

/** Rounds to two decimals half away from zero, as PostgreSQL's round(numeric, 2) does for these positives. */
const round2 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The satisfaction indicator under other prior and acceptance settings, recomputed from the snapshot's
 * inputs (formula v2, the agreed contract):
 *
 *   resident     = 100 × (bayes − 1) ÷ 4, bayes = (prior weight × prior mean + rating total) ÷ (prior weight + ratings)
 *   satisfaction = resident, or (100 − acceptance weight)% × resident + acceptance weight% × acceptance
 *                  when the snapshot has acceptance satisfaction
 *
 * Null when the snapshot lacks the rating inputs (then the stored value stands).
 */
export function satisfactionUnder(inputs: StoredSnapshot['inputs'], s: WeightSettings): number | null {
  const ratings = num(inputs.ratings);
  const total = num(inputs.ratingTotal);
  if (ratings === null || total === null) return null;
  const bayes = (s.priorWeight * s.priorMean + total) / (s.priorWeight + ratings);
  const resident = (100 * (bayes - 1)) / 4;
  const acceptance = num(inputs.acceptanceSatisfaction);
  if (acceptance === null) return resident;
  return ((100 - s.acceptanceWeight) * resident + s.acceptanceWeight * acceptance) / 100;
}

/**
 * An organization's score and tier had its latest snapshot been computed with `proposed`, from the
 * indicators stored with it. Satisfaction is recomputed only when the prior or the acceptance weight
 * differ from the ones the snapshot used; when nothing differs the stored score stands as it is (the
 * stored indicators are rounded, so recombining them could move it by a hundredth).
 */
export function scoreUnder(
  snapshot: StoredSnapshot,
  proposed: WeightSettings,
): { score: number; tier: Tier; satisfaction: number } {
  const { indicators, inputs } = snapshot;
  const storedSatisfaction = num(indicators.satisfaction) ?? 0;
  const used = (inputs.weights ?? {}) as Partial<Record<Indicator, unknown>>;
  const sameSatisfaction =
    num(inputs.priorMean) === proposed.priorMean &&
    num(inputs.priorWeight) === proposed.priorWeight &&
    (num(inputs.acceptanceSatisfaction) === null ||
      num(inputs.acceptanceWeight) === proposed.acceptanceWeight);
  const satisfaction = sameSatisfaction
    ? storedSatisfaction
    : round2(satisfactionUnder(inputs, proposed) ?? storedSatisfaction);
  const sameWeights = (Object.keys(proposed.weights) as Indicator[]).every(
    (k) => num(used[k]) === proposed.weights[k],
  );
  if (sameSatisfaction && sameWeights) return { score: snapshot.score, tier: snapshot.tier, satisfaction };
  const value = (k: Indicator) => (k === 'satisfaction' ? satisfaction : (num(indicators[k]) ?? 0));
  const score = round2(
    (Object.keys(proposed.weights) as Indicator[]).reduce(
      (sum, k) => sum + proposed.weights[k] * value(k),
      0,
    ) / 100,
  );
  return { score, tier: tierOf(score), satisfaction };
}
