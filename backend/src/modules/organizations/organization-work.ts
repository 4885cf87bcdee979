import { hasRole } from '../../common/auth/auth-user.js';
import type { WorkSource } from '../worklist/waiting-work.js';
import { officerScope } from './organization-records.js';
import { countAwaitingReview } from './organizations.sql.js';

/** On the home page: registrations and identity changes waiting for a street officer's review. */
export const organizationWork: WorkSource = async (user, { db, access }) =>
  hasRole(user, ['street_officer', 'platform_admin'])
    ? [{ kind: 'organizations_to_verify', count: await countAwaitingReview(db, officerScope(access, user)) }]
    : [];
