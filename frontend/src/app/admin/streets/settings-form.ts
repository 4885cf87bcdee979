import type { ScoringWeightsDto, StreetSettingsDto, StreetSettingsInputDto } from '../../api/models';
import { fenToYuanText, parseScaled, yuanToFen } from '../../shared/money';

export const WEIGHT_KEYS = ['delivery', 'satisfaction', 'compliance', 'capacity', 'reach'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

/** Most a director threshold may be (the API's limit): ¥1,000,000,000. */
export const MAX_THRESHOLD_FEN = 100_000_000_000;

/** The settings form as the user types it: text boxes. */
export interface SettingsForm {
  thresholdYuan: string;
  weights: Record<WeightKey, string>;
  priorMean: string;
  priorWeight: string;
}

/** What is wrong with the form, as i18n key suffixes (`admin.streets.problem.<problem>`). */
export type SettingsProblem = 'threshold' | 'weight' | 'sum' | 'priorMean' | 'priorWeight';

export function formOf(s: StreetSettingsDto): SettingsForm {
  return {
    thresholdYuan: fenToYuanText(s.directorThresholdFen),
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(s.weights[k])])) as Record<
      WeightKey,
      string
    >,
    priorMean: String(s.priorMean),
    priorWeight: String(s.priorWeight),
  };
}

const integer = (text: string): number | null => parseScaled(text, 0);

/** The weights as numbers and their sum (NaN where a box does not hold a whole number). */
export function weightSum(form: SettingsForm): number {
  return WEIGHT_KEYS.reduce((sum, k) => sum + (integer(form.weights[k]) ?? NaN), 0);
}

/** The form's problems; empty when it can be sent. */
export function settingsProblems(form: SettingsForm): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const fen = yuanToFen(form.thresholdYuan);
  if (fen === null || fen > MAX_THRESHOLD_FEN) problems.push('threshold');
  const weights = WEIGHT_KEYS.map((k) => integer(form.weights[k]));
  if (weights.some((w) => w === null || w > 100)) problems.push('weight');
  else if (weightSum(form) !== 100) problems.push('sum');
  const mean = parseScaled(form.priorMean, 2);
  if (mean === null || mean < 100 || mean > 500) problems.push('priorMean');
  const priorWeight = integer(form.priorWeight);
  if (priorWeight === null || priorWeight < 1 || priorWeight > 1000) problems.push('priorWeight');
  return problems;
}

/** The body of PUT /admin/streets/:id/settings, without the rules (null when the form has problems). */
export function settingsInput(form: SettingsForm): Omit<StreetSettingsInputDto, 'incentiveRules'> | null {
  if (settingsProblems(form).length) return null;
  return {
    directorThresholdFen: yuanToFen(form.thresholdYuan)!,
    weights: Object.fromEntries(
      WEIGHT_KEYS.map((k) => [k, integer(form.weights[k])!]),
    ) as unknown as ScoringWeightsDto,
    priorMean: parseScaled(form.priorMean, 2)! / 100,
    priorWeight: integer(form.priorWeight)!,
  };
}
