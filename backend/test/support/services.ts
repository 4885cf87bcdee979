import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { loadMemberships } from '../../src/common/auth/principal.service.js';
import type { ErrorCode } from '../../src/common/errors/domain-error.js';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { ProjectsService } from '../../src/modules/projects/projects.service.js';
import { dropSchema, migratedDataSource, useTestEnv } from './test-env.js';

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

export interface ServiceSuite {
  env: Env;
  db: DataSource;
  app: INestApplicationContext;
}

/**
 * A suite's own schema with the demo regions and accounts, a budget for the demo street, and the
 * application context: what a service-level spec starts from.
 */
export async function startServiceSuite(overrides: Record<string, string> = {}): Promise<ServiceSuite> {
  const env = useTestEnv(overrides);
  const db = await migratedDataSource(env);
  await seedDemo(db);
  const app = await serviceContext();
  await allocateBudget(app, db, 500_000_000);
  return { env, db, app };
}

export async function stopServiceSuite(suite: ServiceSuite | undefined): Promise<void> {
  if (!suite) return;
  await suite.app.close();
  await dropSchema(suite.db, suite.env);
}

/** Allocates a year's budget to the demo street, so contracts can be committed against it. */
export async function allocateBudget(app: INestApplicationContext, db: DataSource, amountFen: number) {
  await db.transaction((m) =>
    app.get(LedgerService).postAllocation(m, null, {
      streetId: DEMO.streets[0],
      year: 2026,
      amountFen,
      reference: randomUUID(),
    }),
  );
}

/** A direct contract of the organization with one milestone of `amountFen` on the demo street, committed against its budget. */
export async function committedContract(
  app: Pick<INestApplicationContext, 'get'>,
  db: DataSource,
  organizationId: string,
  createdBy: string,
  amountFen: number,
): Promise<{ contractId: string; milestoneId: string }> {
  const street = DEMO.streets[0];
  const [{ id: contractId }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '助残服务', $3, '2026-01-01', '2026-12-31', '{"serviceHours": 0, "beneficiaries": 0, "minSatisfaction": 4}', $4) RETURNING id`,
    [organizationId, street, amountFen, createdBy],
  );
  const [{ id: milestoneId }] = await db.query(
    `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '全部', 10000, $2, current_date + 30) RETURNING id`,
    [contractId, amountFen],
  );
  await db.transaction((m) =>
    app
      .get(LedgerService)
      .commitContract(m, createdBy, { id: contractId, streetId: street, year: 2026, amountFen }),
  );
  return { contractId, milestoneId };
}

/** The same contract (served by all the demo street's communities), with its project set up by the admin. */
export async function contractWithProject(
  app: INestApplicationContext,
  db: DataSource,
  admin: AuthUser,
  organizationId: string,
  amountFen: number,
): Promise<{ contractId: string; milestoneId: string }> {
  const contract = await committedContract(app, db, organizationId, admin.id, amountFen);
  await app
    .get(ProjectsService)
    .create(admin, contract.contractId, { leadUserId: admin.id, memberUserIds: [] });
  return contract;
}

/** The balance of a ledger account, by code (0 when it has no postings). */
export async function balanceOf(db: DataSource, code: string): Promise<number> {
  const [{ total }] = await db.query(
    `SELECT coalesce(sum(p.amount_fen), 0)::bigint AS total FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $1`,
    [code],
  );
  return total;
}

/** The journal references of a disbursement's payout events, sorted. */
export async function payoutEntries(db: DataSource, disbursementId: string): Promise<string[]> {
  const rows: { reference: string }[] = await db.query(
    `SELECT reference FROM journal_entries WHERE reference LIKE $1 ORDER BY reference`,
    [`%:${disbursementId}%`],
  );
  return rows.map((r) => r.reference);
}
