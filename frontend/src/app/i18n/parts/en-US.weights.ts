import type { zhCNWeights } from './zh-CN.weights';

/** English strings of zh-CN.weights.ts, with exactly its keys. */
export const enUSWeights: Record<keyof typeof zhCNWeights, string> = {
  'weights.acceptanceWeight': 'Acceptance ratings in satisfaction',
  'weights.appliesHint':
    'Saved weights apply from the next scoring run; scores already computed stay as they are.',
  'weights.confirm':
    'Save these weights? They apply from the next scoring run; by the preview, {count} organization(s) change tier.',
  'weights.defaults': 'Platform defaults',
  'weights.discard': 'Discard changes',
  'weights.noStreet': 'You are not the director of any street.',
  'weights.own': "Street's own weights",
  'weights.preview.change': 'Change',
  'weights.preview.current': 'Current',
  'weights.preview.empty': 'The street has no verified organizations yet.',
  'weights.preview.hint':
    "Each organization's latest score, recomputed from its indicators with the weights above (nothing is saved).",
  'weights.preview.loading': 'Computing the preview…',
  'weights.preview.organization': 'Organization',
  'weights.preview.proposed': 'Proposed',
  'weights.preview.tierChanges': '{count} organization(s) change tier',
  'weights.preview.title': 'Preview',
  'weights.preview.unscored': 'Not scored yet',
  'weights.preview.waiting': 'Fix the problems above to see the preview.',
  'weights.priorHint':
    'An organization with few ratings is pulled towards the prior mean; when it has acceptance ratings from community staff, they make up the share above of its satisfaction.',
  'weights.priorMean': 'Prior mean rating (1–5)',
  'weights.priorWeight': 'Prior weight (in ratings)',
  'weights.problem.acceptanceWeight': 'The acceptance share must be a whole number from 0 to 100',
  'weights.problem.priorMean': 'The prior mean must be from 1 to 5, with at most two decimals',
  'weights.problem.priorWeight': 'The prior weight must be a whole number from 1 to 1000',
  'weights.problem.sum': 'The five weights must total 100%',
  'weights.problem.weight': 'Each weight must be a whole number from 0 to 100',
  'weights.save': 'Save weights',
  'weights.saved': 'Weights saved; they apply from the next scoring run',
  'weights.street': 'Street',
  'weights.subtitle':
    "Set the weights of the five indicators, the satisfaction prior and the share of acceptance ratings for your street, and see the organizations' scores and tiers under them before saving.",
  'weights.sum': 'Total {sum}% (must be 100%)',
  'weights.title': 'Score weights and incentive rules',
  'weights.weightsTitle': 'Indicator weights',
};
