import { staffCommunities, type WaitingItem, type WorkSource } from '../worklist/waiting-work.js';
import { countInvitations, countPendingResidents } from './people.sql.js';

/** On the home page: residents waiting to be verified by community staff; anyone's invitations to join. */
export const peopleWork: WorkSource = async (user, { db }) => {
  const items: WaitingItem[] = [];
  const communities = staffCommunities(user);
  if (communities.length)
    items.push({ kind: 'resident_requests', count: await countPendingResidents(db, communities) });
  const invitations = await countInvitations(db, user.id);
  // Only when there are some: most users are never invited, and no list is theirs to open.
  if (invitations) items.push({ kind: 'invitations', count: invitations });
  return items;
};
