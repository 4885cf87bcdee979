import { hasRole } from '../../common/auth/auth-user.js';
import type { WorkSource } from '../worklist/waiting-work.js';
import { countTendersToScore } from './panel.sql.js';

/** On the home page: the tenders under evaluation waiting for the evaluator's declaration or scores. */
export const panelWork: WorkSource = async (user, { db }) =>
  hasRole(user, ['evaluator'])
    ? [{ kind: 'tenders_to_score', count: await countTendersToScore(db, user.id) }]
    : [];
