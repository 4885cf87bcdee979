import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { loadMemberships } from '../../src/common/auth/principal.service.js';
import { DomainError } from '../../src/common/errors/domain-error.js';

/** The caller a service sees for this account, with the memberships in force now (as the auth guard reads them). */
export async function callerFor(db: DataSource, email: string): Promise<AuthUser> {
  const [user]: { id: string }[] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  if (!user) throw new Error(`no account ${email}`);
  return { id: user.id, email, sessionId: randomUUID(), memberships: await loadMemberships(db, user.id) };
}

/** The DomainError a service call fails with (the test fails if it succeeds or fails otherwise). */
export async function domainError(call: Promise<unknown>): Promise<DomainError> {
  const err = await call.then(
    () => new Error('expected a DomainError, the call succeeded'),
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw err;
  return err;
}

/** The audit actions recorded about an entity, oldest first. */
export const auditActions = async (db: DataSource, entityId: string): Promise<string[]> =>
  (await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId])).map(
    (r: { action: string }) => r.action,
  );
