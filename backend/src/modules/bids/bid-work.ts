import type { WorkSource } from '../worklist/waiting-work.js';
import { countBidsDue } from './bids.sql.js';

/** On the home page: tenders open for bids on which one of the admin's verified organizations has no live bid. */
export const bidWork: WorkSource = async (user, { db, access }) => {
  const organizationIds = access.orgAdminOf(user);
  return organizationIds.length ? [{ kind: 'bids_due', count: await countBidsDue(db, organizationIds) }] : [];
};
