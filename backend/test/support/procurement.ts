import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { loadMemberships } from '../../src/common/auth/principal.service.js';
import type { Env } from '../../src/config/env.js';
import { DEMO, seedDemo } from '../../src/database/seed/demo.js';
import type { TenderInputDto } from '../../src/modules/tenders/dto/tender.dto.js';
import { dropSchema, migratedDataSource, useTestEnv } from './test-env.js';

/** The application without HTTP, on its own migrated schema with the demo seed: for service-level tests. */
export async function startServices(): Promise<{
  env: Env;
  db: DataSource;
  app: NestFastifyApplication;
  stop: () => Promise<void>;
}> {
  const env = useTestEnv();
  const db = await migratedDataSource(env);
  await seedDemo(db);
  const app = await createApp({ logger: false });
  await app.init();
  return {
    env,
    db,
    app,
    stop: async () => {
      await app.close();
      await dropSchema(db, env);
    },
  };
}

/** The caller as the auth guard would resolve it: the account and its role memberships, read fresh. */
export async function callerOf(db: DataSource, email: string): Promise<AuthUser> {
  const [user]: { id: string }[] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  if (!user) throw new Error(`no user ${email}`);
  return { id: user.id, email, sessionId: 'service-test', memberships: await loadMemberships(db, user.id) };
}

export const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000);

/** A publishable competitive consultation of the first demo street (elderly home care). */
export function tenderInput(overrides: Partial<TenderInputDto> = {}): TenderInputDto {
  return {
    title: '春晖社区居家养老上门服务项目',
    description: '为春晖、翠园社区80岁以上独居老人提供每周两次上门探访、助餐、助洁服务。',
    categoryCode: 'elderly.home_care',
    streetId: DEMO.streets[0],
    communityIds: [DEMO.communities[0]],
    budgetCeilingFen: 48_000_000,
    method: 'competitive_consultation',
    kpis: { serviceHours: 2400, beneficiaries: 120, minSatisfaction: 4.2 },
    weights: {
      price: 30,
      technical: 60,
      performance: 10,
      criteria: [
        { key: 'plan', name: '服务方案', weight: 40 },
        { key: 'team', name: '团队', weight: 20 },
      ],
    },
    milestonePlan: [
      { name: '首期', shareBp: 5000, dueInDays: 30 },
      { name: '终期', shareBp: 5000, dueInDays: 365 },
    ],
    enquiryDeadline: inDays(5),
    bidDeadline: inDays(10),
    standstillDays: 10,
    ...overrides,
  };
}

export const bidInput = (org: { id: string; memberId: string }, priceFen: number) => ({
  organizationId: org.id,
  priceFen,
  proposal: '每周两次上门探访，建立一人一档，配备持证社工与护理员，月度满意度回访。',
  team: [org.memberId],
  offeredKpis: { serviceHours: 2600, beneficiaries: 130, minSatisfaction: 4.5 },
});

/** Moves the deadlines into the past, as time passing would (the database clock decides lateness). */
export const passDeadline = (db: DataSource, tenderId: string) =>
  db.query(
    `UPDATE tenders SET enquiry_deadline = now() - interval '2 seconds', bid_deadline = now() - interval '1 second' WHERE id = $1`,
    [tenderId],
  );

/** What a rejected promise was rejected with: the domain error's code. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
  throw new Error('expected a rejection');
}
