import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { loadMemberships } from '../../src/common/auth/principal.service.js';
import type { ErrorCode } from '../../src/common/errors/domain-error.js';

/**
 * The application's services wired as in production (no HTTP listener), for service-level tests
 * on the suite's own schema (call useTestEnv and migratedDataSource first).
 */
export async function serviceContext(): Promise<INestApplicationContext> {
  const app = await createApp({ logger: false });
  await app.init();
  return app;
}

/** A user as the auth guard would resolve them: their memberships read from the database. */
export async function principal(db: DataSource, email: string): Promise<AuthUser> {
  const [user]: { id: string }[] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  if (!user) throw new Error(`no user ${email}`);
  return { id: user.id, email, sessionId: randomUUID(), memberships: await loadMemberships(db, user.id) };
}

/** Resolves to the DomainError code the promise rejects with (fails the test when it resolves). */
export async function refusal(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (err) {
    const code = (err as { code?: ErrorCode }).code;
    if (code) return code;
    throw err;
  }
  throw new Error('expected a refusal, but it succeeded');
}

/** The audit actions recorded for one entity, oldest first. */
export async function auditTrail(db: DataSource, entityId: string): Promise<string[]> {
  const rows: { action: string }[] = await db.query(
    `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at, id`,
    [entityId],
  );
  return rows.map((r) => r.action);
}
