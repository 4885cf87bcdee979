import { staffCommunities, type WorkSource } from '../worklist/waiting-work.js';
import { countSubmissionsToCheck } from './participatory.sql.js';

/** On the home page: the participatory fund submissions community staff have still to check for eligibility. */
export const participatoryWork: WorkSource = async (user, { db }) => {
  const communities = staffCommunities(user);
  return communities.length
    ? [{ kind: 'submissions_to_check', count: await countSubmissionsToCheck(db, communities) }]
    : [];
};
