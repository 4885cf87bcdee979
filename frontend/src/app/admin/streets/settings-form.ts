import type { StreetSettingsDto, StreetSettingsInputDto } from '../../api/models';
import { fenToYuanText, yuanToFen } from '../../shared/money';
import {
  type ScoringForm,
  type ScoringProblem,
  scoringFormOf,
  scoringInput,
  scoringProblems,
} from '../../weights/scoring-form';

export { WEIGHT_KEYS, type WeightKey, weightSum, weightTotal } from '../../weights/scoring-form';

/** Most a director threshold may be (the API's limit): ¥1,000,000,000. */
export const MAX_THRESHOLD_FEN = 100_000_000_000;

/** The settings form as the user types it: text boxes. */
export interface SettingsForm extends ScoringForm {
  thresholdYuan: string;
}

/** What is wrong with the form, as i18n key suffixes (`admin.streets.problem.<problem>`). */
export type SettingsProblem = 'threshold' | ScoringProblem;

export function formOf(s: StreetSettingsDto): SettingsForm {
  return { thresholdYuan: fenToYuanText(s.directorThresholdFen), ...scoringFormOf(s) };
}

/** The form's problems; empty when it can be sent. */
export function settingsProblems(form: SettingsForm): SettingsProblem[] {
  const fen = yuanToFen(form.thresholdYuan);
  const threshold: SettingsProblem[] = fen === null || fen > MAX_THRESHOLD_FEN ? ['threshold'] : [];
  return [...threshold, ...scoringProblems(form)];
}

/** The body of PUT /admin/streets/:id/settings, without the rules (null when the form has problems). */
export function settingsInput(form: SettingsForm): Omit<StreetSettingsInputDto, 'incentiveRules'> | null {
  if (settingsProblems(form).length) return null;
  return { directorThresholdFen: yuanToFen(form.thresholdYuan)!, ...scoringInput(form) };
}
