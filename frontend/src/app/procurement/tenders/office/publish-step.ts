import { tendersPublish } from '../../../api/fn/tenders/tenders-publish';
import { publishConsequence } from '../../confirmations';
import { publishProblems } from '../../errors';
import type { ConfirmedStepSpec } from './confirmed-step';

/**
 * A draft is published once confirmed with its title and budget; a refusal names every broken rule
 * in `details.problems`, and all are listed.
 */
export const PUBLISH_STEP: ConfirmedStepSpec = {
  key: 'publish',
  label: 'procurement.office.publish',
  success: 'procurement.office.published',
  consequence: (t, tender) => publishConsequence(t, tender),
  call: (api, tender) => api.invoke(tendersPublish, { id: tender.id }),
  refused: (err) => ({ problems: publishProblems(err) }),
};
