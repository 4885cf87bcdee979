import { hasRole } from '../../common/auth/auth-user.js';
import { staffCommunities, type WaitingItem, type WorkSource } from '../worklist/waiting-work.js';
import { countReported, countUnrated } from './ratings.sql.js';

/** On the home page: the services a resident has yet to rate; the reported comments staff must decide. */
export const ratingWork: WorkSource = async (user, { db }) => {
  const items: WaitingItem[] = [];
  if (hasRole(user, ['resident']))
    items.push({ kind: 'services_to_rate', count: await countUnrated(db, user.id) });
  const communities = staffCommunities(user);
  if (communities.length)
    items.push({ kind: 'ratings_to_moderate', count: await countReported(db, communities) });
  return items;
};
