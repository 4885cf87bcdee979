import { staffCommunities, type WorkSource } from '../worklist/waiting-work.js';
import { countOpenNeeds } from './needs.sql.js';

/** On the home page: the open needs community staff have still to triage. */
export const needWork: WorkSource = async (user, { db }) => {
  const communities = staffCommunities(user);
  return communities.length
    ? [{ kind: 'needs_to_triage', count: await countOpenNeeds(db, communities) }]
    : [];
};
