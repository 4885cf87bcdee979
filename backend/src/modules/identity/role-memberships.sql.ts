import type { Queryable } from '../../common/database/queryable.js';
import type { Role } from '../../common/auth/roles.js';

/**
 * A role the user takes by their own action (registering an organization, joining one, a
 * resident's verification), inserted through the view of the grants in force: granted by nobody.
 * Taking a role already held changes nothing.
 */
export async function insertOwnMembership(
  db: Queryable,
  userId: string,
  role: Extract<Role, 'org_admin' | 'social_worker' | 'resident'>,
  scope: { organizationId?: string; regionId?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO role_memberships (user_id, role, organization_id, region_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [userId, role, scope.organizationId ?? null, scope.regionId ?? null],
  );
}
