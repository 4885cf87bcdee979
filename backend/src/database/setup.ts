import { isEmail } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditService } from '../common/audit/audit.service.js';
import type { DatabaseEnv } from '../config/env.js';
import { mintEmailToken } from '../modules/identity/email-tokens.js';
import { unusablePasswordHash } from '../modules/identity/password.js';

/** How long the printed link works: the person setting up may not open it at once. */
export const WELCOME_LINK_TTL_HOURS = 24;

/** A refusal the CLI reports as a message with exit code 1, not as a crash. */
export class SetupRefused extends Error {}

export interface FirstAdmin {
  userId: string;
  email: string;
  displayName: string;
  /** `${WEB_URL}/welcome#<token>`: sets the password through POST /api/auth/password/reset. */
  link: string;
  /** Migrations applied by this run. */
  migrations: string[];
}

/**
 * First run of a new district: applies pending migrations, then creates the first platform admin
 * and a one-time link to set their password. Refused once any platform admin exists.
 */
export async function setupFirstAdmin(
  dataSource: DataSource,
  env: Pick<DatabaseEnv, 'WEB_URL'>,
  input: { adminEmail: string; name?: string },
): Promise<FirstAdmin> {
  const email = input.adminEmail.trim().toLowerCase();
  if (!isEmail(email) || email.length > 254)
    throw new SetupRefused(`not a valid e-mail address: ${JSON.stringify(input.adminEmail)}`);
  const displayName = (input.name?.trim() || email.split('@')[0]).slice(0, 60);
  // Nobody knows this password: the link sets the real one.
  const passwordHash = await unusablePasswordHash();

  const ran = await dataSource.runMigrations({ transaction: 'each' });
  const { userId, token } = await dataSource.transaction(async (m) => {
    // Two setups at once: the second waits here, then sees the first one's admin.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('setup.first_admin'))`);
    const admins: unknown[] = await m.query(
      `SELECT 1 FROM role_memberships WHERE role = 'platform_admin' LIMIT 1`,
    );
    if (admins.length)
      throw new SetupRefused('a platform admin already exists; sign in as them or ask them for access');
    // An account someone registered with this address keeps its owner's password: never make it admin.
    const [user]: { id: string }[] = await m.query(
      `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, displayName, passwordHash],
    );
    if (!user)
      throw new SetupRefused(`an account with ${email} already exists; give another address for the admin`);
    await m.query(`INSERT INTO role_memberships (user_id, role) VALUES ($1, 'platform_admin')`, [user.id]);
    await new AuditService(dataSource).record(m, {
      actorId: null,
      action: 'platform.first_admin_created',
      entityType: 'user',
      entityId: user.id,
      after: { email, displayName, role: 'platform_admin' },
    });
    const minted = await mintEmailToken(
      m,
      { id: user.id, email },
      'reset_password',
      WELCOME_LINK_TTL_HOURS * 60,
    );
    return { userId: user.id, token: minted };
  });
  return {
    userId,
    email,
    displayName,
    link: `${env.WEB_URL.replace(/\/+$/, '')}/welcome#${token}`,
    migrations: ran.map((m) => m.name),
  };
}
