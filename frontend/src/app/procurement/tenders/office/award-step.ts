import { evaluationAward } from '../../../api/fn/evaluation/evaluation-award';
import { awardConsequence } from '../../confirmations';
import { numberDetail } from '../../errors';
import type { ConfirmedStepSpec } from './confirmed-step';

/**
 * Awarding, once every score sheet is in: confirmed with the bid ranked first; a refusal names how
 * many score sheets are missing.
 */
export const AWARD_STEP: ConfirmedStepSpec = {
  key: 'award',
  label: 'procurement.office.award',
  success: 'procurement.office.awarded',
  consequence: (t, tender, results) => awardConsequence(t, tender, results?.ranking[0] ?? null),
  call: (api, tender) => api.invoke(evaluationAward, { id: tender.id }),
  refused: (err, t) => {
    const missing = numberDetail(err, 'missing');
    return missing === null ? null : { error: t('procurement.office.missingScores', { n: String(missing) }) };
  },
};
