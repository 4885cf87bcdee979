import { type Signal, computed } from '@angular/core';
import type { ScoringWeightsDto } from '../api/models';
import { parseScaled } from '../shared/money';

export const WEIGHT_KEYS = ['delivery', 'satisfaction', 'compliance', 'capacity', 'reach'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

/**
 * How a street scores its organizations, as typed in text boxes: a weight per score (whole numbers
 * summing to 100) and the prior. The director's weights page and the admin's street settings both
 * edit it, each with its own further boxes.
 */
export interface ScoringForm {
  weights: Record<WeightKey, string>;
  priorMean: string;
  priorWeight: string;
}

/** What is wrong with the scoring boxes, as i18n key suffixes of the page's problems. */
export type ScoringProblem = 'weight' | 'sum' | 'priorMean' | 'priorWeight';

/** The scoring as the API says it (the prior's mean a fraction: 2.5 for 250%). */
interface Scoring {
  weights: ScoringWeightsDto;
  priorMean: number;
  priorWeight: number;
}

export function scoringFormOf(s: Scoring): ScoringForm {
  return {
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(s.weights[k])])) as Record<
      WeightKey,
      string
    >,
    priorMean: String(s.priorMean),
    priorWeight: String(s.priorWeight),
  };
}

export const integer = (text: string): number | null => parseScaled(text, 0);

/** A weight box as a whole number 0–100 (null otherwise), e.g. for its slider. */
export function weightOf(form: ScoringForm, key: WeightKey): number | null {
  const n = integer(form.weights[key]);
  return n !== null && n <= 100 ? n : null;
}

/** The sum of the weights (NaN while a box does not hold a whole number). */
export function weightSum(form: ScoringForm): number {
  return WEIGHT_KEYS.reduce((sum, k) => sum + (integer(form.weights[k]) ?? NaN), 0);
}

/**
 * The weights' sum of the form being edited, as the page checks it against 100 and as its text
 * shows it ("—" while a box does not hold a whole number).
 */
export function weightTotal(form: Signal<ScoringForm | null>) {
  const sum = computed(() => {
    const f = form();
    return f ? weightSum(f) : NaN;
  });
  const text = computed(() => (Number.isNaN(sum()) ? '—' : String(sum())));
  return { sum, text };
}

/** The scoring boxes' problems, as the API would refuse them; empty when they can be sent. */
export function scoringProblems(form: ScoringForm): ScoringProblem[] {
  const problems: ScoringProblem[] = [];
  if (WEIGHT_KEYS.some((k) => weightOf(form, k) === null)) problems.push('weight');
  else if (weightSum(form) !== 100) problems.push('sum');
  const mean = parseScaled(form.priorMean, 2);
  if (mean === null || mean < 100 || mean > 500) problems.push('priorMean');
  const priorWeight = integer(form.priorWeight);
  if (priorWeight === null || priorWeight < 1 || priorWeight > 1000) problems.push('priorWeight');
  return problems;
}

/** The scoring part of the body the API takes: for a form without problems only. */
export function scoringInput(form: ScoringForm): Scoring {
  return {
    weights: Object.fromEntries(
      WEIGHT_KEYS.map((k) => [k, integer(form.weights[k])!]),
    ) as unknown as ScoringWeightsDto,
    priorMean: parseScaled(form.priorMean, 2)! / 100,
    priorWeight: integer(form.priorWeight)!,
  };
}
