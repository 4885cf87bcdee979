import { hasRole } from '../../common/auth/auth-user.js';
import type { WorkSource } from '../worklist/waiting-work.js';
import { countAwaitingLead } from './service-records.sql.js';

/** On the home page: the records a project lead has still to approve or reject. */
export const recordWork: WorkSource = async (user, { db }) =>
  hasRole(user, ['social_worker'])
    ? [{ kind: 'records_to_approve', count: await countAwaitingLead(db, user.id) }]
    : [];
