import type { CriterionDto, MilestoneDto, WeightsDto } from '../api/models';

/** The server's key rule for a technical sub-criterion. */
export const CRITERION_KEY = /^[a-z0-9_]{1,30}$/;

/** One broken rule of the weights or the milestone plan, with what the page needs to say it. */
export type PlanProblem =
  | { code: 'weightsTotal'; sum: number }
  | { code: 'criteriaSum'; sum: number; technical: number }
  | { code: 'criteriaMissing' }
  | { code: 'criteriaKeys' }
  | { code: 'criterionKey'; key: string }
  | { code: 'criterionWeight'; key: string }
  | { code: 'milestonesSum'; sumBp: number }
  | { code: 'milestonesEmpty' }
  | { code: 'milestoneShare'; index: number };

export interface WeightsCheck {
  /** price + technical + performance: must be 100. */
  total: number;
  /** The sub-criteria weights: must equal `technical`. */
  criteriaSum: number;
  problems: PlanProblem[];
}

export interface MilestonesCheck {
  /** The shares in basis points: must be 10000 (100 %). */
  sumBp: number;
  problems: PlanProblem[];
}

const int = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/** The live sums of the weights editor and every rule they break, as the server checks on publish. */
export function checkWeights(weights: WeightsDto): WeightsCheck {
  const total = int(weights.price) + int(weights.technical) + int(weights.performance);
  const criteria: CriterionDto[] = weights.criteria ?? [];
  const criteriaSum = criteria.reduce((sum, c) => sum + int(c.weight), 0);
  const problems: PlanProblem[] = [];
  if (total !== 100) problems.push({ code: 'weightsTotal', sum: total });
  if (int(weights.technical) > 0 && criteria.length === 0) problems.push({ code: 'criteriaMissing' });
  else if (int(weights.technical) > 0 && criteriaSum !== int(weights.technical))
    problems.push({ code: 'criteriaSum', sum: criteriaSum, technical: int(weights.technical) });
  for (const c of criteria) {
    if (!CRITERION_KEY.test(c.key ?? '')) problems.push({ code: 'criterionKey', key: c.key ?? '' });
    if (!Number.isInteger(c.weight) || c.weight < 1)
      problems.push({ code: 'criterionWeight', key: c.key ?? '' });
  }
  if (new Set(criteria.map((c) => c.key)).size !== criteria.length) problems.push({ code: 'criteriaKeys' });
  return { total, criteriaSum, problems };
}

/** The live sum of the milestone shares (basis points) and the rules it breaks. */
export function checkMilestones(plan: readonly Pick<MilestoneDto, 'shareBp'>[]): MilestonesCheck {
  const sumBp = plan.reduce((sum, m) => sum + int(m.shareBp), 0);
  const problems: PlanProblem[] = [];
  if (plan.length === 0) problems.push({ code: 'milestonesEmpty' });
  plan.forEach((m, index) => {
    if (!Number.isInteger(m.shareBp) || m.shareBp < 1) problems.push({ code: 'milestoneShare', index });
  });
  if (plan.length > 0 && sumBp !== 10000) problems.push({ code: 'milestonesSum', sumBp });
  return { sumBp, problems };
}
