import type { StreetWeightsDto, WeightSettingsInputDto } from '../api/models';
import {
  type ScoringForm,
  type ScoringProblem,
  WEIGHT_KEYS,
  integer,
  scoringFormOf,
  scoringInput,
  scoringProblems,
} from './scoring-form';

export { WEIGHT_KEYS, type WeightKey, weightOf, weightSum, weightTotal } from './scoring-form';

/** The weights form as the director types it: text boxes (the sliders write whole numbers into them). */
export interface WeightsForm extends ScoringForm {
  acceptanceWeight: string;
}

/** What is wrong with the form, as i18n key suffixes (`weights.problem.<problem>`). */
export type WeightsProblem = ScoringProblem | 'acceptanceWeight';

export function formOf(s: StreetWeightsDto | WeightSettingsInputDto): WeightsForm {
  return { ...scoringFormOf(s), acceptanceWeight: String(s.acceptanceWeight) };
}

/** The form's problems, as the API would refuse them; empty when it can be sent. */
export function weightsProblems(form: WeightsForm): WeightsProblem[] {
  const problems: WeightsProblem[] = scoringProblems(form);
  const acceptance = integer(form.acceptanceWeight);
  if (acceptance === null || acceptance > 100) problems.push('acceptanceWeight');
  return problems;
}

/** The body of PUT and of the preview (null while the form has problems). */
export function weightsInput(form: WeightsForm): WeightSettingsInputDto | null {
  if (weightsProblems(form).length) return null;
  return { ...scoringInput(form), acceptanceWeight: integer(form.acceptanceWeight)! };
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
