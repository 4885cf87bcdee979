import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEMO } from '../../src/database/seed/demo.js';
import { validCreditCode } from './credit-codes.js';

/**
 * A verified organization of the demo street with an admin account (demo password) and one active
 * social worker, written straight to the database: fast set-up for tests about what comes later.
 */
export async function verifiedOrganization(
  db: DataSource,
  name: string,
  options: { categories?: string[]; grade?: string; streetId?: string } = {},
): Promise<{ id: string; adminEmail: string; memberId: string }> {
  const tag = randomUUID().slice(0, 8);
  const adminEmail = `admin-${tag}@example.cn`;
  const [{ id }] = await db.query(
    `INSERT INTO organizations (name, credit_code, type, legal_representative, contact_phone, home_street_id, status, grade, grade_expires_on)
     VALUES ($1, $2, 'social_work_agency', '负责人', '057100000000', $3, 'verified', $4::text, CASE WHEN $4::text IS NULL THEN NULL ELSE current_date + 365 END)
     RETURNING id`,
    [name, validCreditCode(), options.streetId ?? DEMO.streets[0], options.grade ?? null],
  );
  await db.query(
    `INSERT INTO organization_categories (organization_id, category_code) SELECT $1, unnest($2::text[])`,
    [id, options.categories ?? ['elderly.home_care']],
  );
  const [{ id: adminId }] = await db.query(
    `INSERT INTO users (email, display_name, password_hash, email_verified_at) SELECT $1, $2, password_hash, now() FROM users WHERE email = 'officer@demo.sanshe.cn' RETURNING id`,
    [adminEmail, `${name}管理员`],
  );
  await db.query(
    `INSERT INTO role_memberships (user_id, role, organization_id) VALUES ($1, 'org_admin', $2)`,
    [adminId, id],
  );
  const [{ id: memberId }] = await db.query(
    `INSERT INTO organization_members (organization_id, user_id, invited_email, status, invited_by, joined_at)
     VALUES ($1, $2, $3, 'active', $2, now()) RETURNING id`,
    [id, adminId, adminEmail],
  );
  return { id, adminEmail, memberId };
}

/** A user with the demo password (e-mail verified) holding the given role memberships, written straight to the database. */
export async function userWithRoles(
  db: DataSource,
  email: string,
  memberships: [string, { regionId?: string; organizationId?: string }][],
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO users (email, display_name, password_hash, email_verified_at) SELECT $1, $1, password_hash, now() FROM users WHERE email = 'officer@demo.sanshe.cn' RETURNING id`,
    [email],
  );
  for (const [role, scope] of memberships) {
    await db.query(
      `INSERT INTO role_memberships (user_id, role, region_id, organization_id) VALUES ($1, $2, $3, $4)`,
      [id, role, scope.regionId ?? null, scope.organizationId ?? null],
    );
  }
  return id;
}

/**
 * An evaluator (demo password) in the pool of a street or district for the given catalog
 * categories: the evaluator grant on `regionId` with its categories, written straight to the
 * database. Returns the user id.
 */
export async function poolEvaluator(
  db: DataSource,
  email: string,
  regionId: string,
  categories: string[],
): Promise<string> {
  const userId = await userWithRoles(db, email, [['evaluator', { regionId }]]);
  await db.query(
    `INSERT INTO evaluator_categories (grant_id, category_code)
     SELECT g.id, unnest($2::text[]) FROM role_grants g WHERE g.user_id = $1 AND g.role = 'evaluator'`,
    [userId, categories],
  );
  return userId;
}
