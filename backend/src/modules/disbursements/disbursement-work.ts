import type { WorkSource } from '../worklist/waiting-work.js';
import { signerPaths } from './disbursement-views.service.js';
import { countAwaiting } from './disbursements.sql.js';

/** On the home page: how many disbursements wait at the caller's step (the approvals inbox). */
export const disbursementWork: WorkSource = async (user, { db }) => {
  const signer = signerPaths(user);
  if (!signer.communityStaff.length && !signer.streetFinance.length && !signer.streetDirector.length)
    return [];
  return [{ kind: 'approvals', count: await countAwaiting(db, signer) }];
};
