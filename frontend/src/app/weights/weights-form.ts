import type { ScoringWeightsDto, StreetWeightsDto, WeightSettingsInputDto } from '../api/models';
import { WEIGHT_KEYS, type WeightKey } from '../admin/streets/settings-form';
import { parseScaled } from '../shared/money';

export { WEIGHT_KEYS, type WeightKey };

/** The weights form as the director types it: text boxes (the sliders write whole numbers into them). */
export interface WeightsForm {
  weights: Record<WeightKey, string>;
  priorMean: string;
  priorWeight: string;
  acceptanceWeight: string;
}

/** What is wrong with the form, as i18n key suffixes (`weights.problem.<problem>`). */
export type WeightsProblem = 'weight' | 'sum' | 'priorMean' | 'priorWeight' | 'acceptanceWeight';

export function formOf(s: StreetWeightsDto | WeightSettingsInputDto): WeightsForm {
  return {
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(s.weights[k])])) as Record<
      WeightKey,
      string
    >,
    priorMean: String(s.priorMean),
    priorWeight: String(s.priorWeight),
    acceptanceWeight: String(s.acceptanceWeight),
  };
}

const integer = (text: string): number | null => parseScaled(text, 0);

/** A weight box as a whole number 0–100 (null otherwise), e.g. for its slider. */
export function weightOf(form: WeightsForm, key: WeightKey): number | null {
  const n = integer(form.weights[key]);
  return n !== null && n <= 100 ? n : null;
}

/** The sum of the weights (NaN while a box does not hold a whole number). */
export function weightSum(form: WeightsForm): number {
  return WEIGHT_KEYS.reduce((sum, k) => sum + (integer(form.weights[k]) ?? NaN), 0);
}

/** The form's problems, as the API would refuse them; empty when it can be sent. */
export function weightsProblems(form: WeightsForm): WeightsProblem[] {
  const problems: WeightsProblem[] = [];
  if (WEIGHT_KEYS.some((k) => weightOf(form, k) === null)) problems.push('weight');
  else if (weightSum(form) !== 100) problems.push('sum');
  const mean = parseScaled(form.priorMean, 2);
  if (mean === null || mean < 100 || mean > 500) problems.push('priorMean');
  const priorWeight = integer(form.priorWeight);
  if (priorWeight === null || priorWeight < 1 || priorWeight > 1000) problems.push('priorWeight');
  const acceptance = integer(form.acceptanceWeight);
  if (acceptance === null || acceptance > 100) problems.push('acceptanceWeight');
  return problems;
}

/** The body of PUT and of the preview (null while the form has problems). */
export function weightsInput(form: WeightsForm): WeightSettingsInputDto | null {
  if (weightsProblems(form).length) return null;
  return {
    weights: Object.fromEntries(
      WEIGHT_KEYS.map((k) => [k, integer(form.weights[k])!]),
    ) as unknown as ScoringWeightsDto,
    priorMean: parseScaled(form.priorMean, 2)! / 100,
    priorWeight: integer(form.priorWeight)!,
    acceptanceWeight: integer(form.acceptanceWeight)!,
  };
}

/** Whether the form says the same as the saved settings. */
export function unchanged(form: WeightsForm, saved: StreetWeightsDto): boolean {
  const input = weightsInput(form);
  return (
    input !== null &&
    WEIGHT_KEYS.every((k) => input.weights[k] === saved.weights[k]) &&
    input.priorMean === saved.priorMean &&
    input.priorWeight === saved.priorWeight &&
    input.acceptanceWeight === saved.acceptanceWeight
  );
}
