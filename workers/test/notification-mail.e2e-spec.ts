import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { Notifier } from '@sanshe/backend/modules/notifications/notifier.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';
import { startSmtp, type SmtpCatcher } from './support/smtp.js';

let env: Env;
let db: DataSource;
let smtp: SmtpCatcher;
let workers: INestApplicationContext;

beforeAll(async () => {
  // The first delivery to retry@ is deferred (451), every delivery to bounce@ refused for good (550).
  smtp = await startSmtp({
    refuse: (to, earlier) =>
      to.includes('retry@example.cn') && earlier === 0
        ? { code: 451, message: '4.3.0 Try again later' }
        : to.includes('bounce@example.cn')
          ? { code: 550, message: '5.1.1 Mailbox unavailable' }
          : undefined,
  });
  env = useTestEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  db = await migratedDataSource(env);
  workers = await createWorkers({ logger: false });
  await workers.init();
});
afterAll(async () => {
  await workers?.close();
  await smtp.close();
  await dropSchema(db, env);
});

async function user(email: string, locale = 'zh-CN', verified = true): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO users (email, display_name, password_hash, locale, email_verified_at)
     VALUES ($1, $1, 'x', $2, CASE WHEN $3 THEN now() END) RETURNING id`,
    [email, locale, verified],
  );
  return id;
}

/** Writes a "payout failed" notice in a transaction of the workers' own DataSource, as a domain service would. */
async function notify(userId: string, key: string, fail = false): Promise<string[]> {
  return workers.get(DataSource).transaction(async (m) => {
    const ids = await workers.get(Notifier).notify(m, [userId], 'payout_failed', {
      key,
      params: { milestoneName: '首期', amountFen: 2_000_000, reason: 'Stripe refused' },
      link: '/projects/p-1',
    });
    if (fail) throw new Error('the event rolls back');
    return ids;
  });
}

const row = async (id: string) =>
  (await db.query(`SELECT email_status, email_error FROM notifications WHERE id = $1`, [id]))[0];
const mailQueue = () => workers.get<Queue>(getQueueToken('mail'), { strict: false });

describe('notification e-mail', () => {
  it('is retried after a transient SMTP failure and delivered once, in the recipient language', async () => {
    const userId = await user('retry@example.cn', 'en-US');
    const [id] = await notify(userId, 'payout_failed:d-1:1');
    await waitFor(async () => (await row(id)).email_status === 'sent', 'the e-mail to be sent', 20000);

    const received = smtp.inbox.filter((m) => m.to.includes('retry@example.cn'));
    expect(received).toHaveLength(1);
    const parsed = await simpleParser(received[0].raw);
    expect(parsed.subject).toBe('[Sanshe Linkage] Payment failed: 首期');
    expect(parsed.text).toContain('¥20000.00');
    expect(parsed.text).toContain(`${env.WEB_URL}/projects/p-1`);
    const job = await mailQueue().getJob(`notification-email-${id}`);
    expect(job?.attemptsMade).toBe(2);
    expect(await job?.isCompleted()).toBe(true);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM sent_mail WHERE key = $1`, [
      `notification:${id}`,
    ]);
    expect(n).toBe(1);
    expect(await row(id)).toEqual({ email_status: 'sent', email_error: null });
  });

  it('records a permanent SMTP refusal on the notice, without retrying', async () => {
    const userId = await user('bounce@example.cn');
    const [id] = await notify(userId, 'payout_failed:d-2:1');
    await waitFor(async () => (await row(id)).email_status === 'failed', 'the e-mail to fail', 20000);
    expect((await row(id)).email_error).toContain('Mailbox unavailable');
    const job = await mailQueue().getJob(`notification-email-${id}`);
    await waitFor(async () => (await job?.isFailed()) === true, 'the job to fail');
    const failed = await mailQueue().getJob(`notification-email-${id}`);
    expect(failed?.attemptsMade).toBe(1);
    expect(smtp.inbox.filter((m) => m.to.includes('bounce@example.cn'))).toHaveLength(0);
    // The in-app notice stays in the inbox.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE id = $1 AND in_app AND read_at IS NULL`,
      [id],
    );
    expect(n).toBe(1);
  });

  it('goes only to a verified address: an unverified one keeps the notice in the app', async () => {
    const userId = await user('claimed@example.cn', 'zh-CN', false);
    const [id] = await notify(userId, 'payout_failed:d-4:1');
    await waitFor(async () => (await row(id)).email_status === 'none', 'the e-mail to be skipped', 20000);
    expect(smtp.inbox.filter((m) => m.to.includes('claimed@example.cn'))).toHaveLength(0);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE id = $1 AND in_app`, [
      id,
    ]);
    expect(n).toBe(1);
  });

  it('sends nothing for an event that rolled back', async () => {
    const userId = await user('rollback@example.cn');
    await expect(notify(userId, 'payout_failed:d-3:1', true)).rejects.toThrow('rolls back');
    // The notices' e-mail jobs (the mail queue also holds the daily link purge).
    const jobs = (await mailQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (j) => j.name === 'notification.email',
    );
    const known: string[] = (await db.query(`SELECT id FROM notifications`)).map((r: { id: string }) => r.id);
    expect(jobs.length).toBe(3);
    expect(jobs.every((j) => known.includes(j.data.notificationId))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.inbox.filter((m) => m.to.includes('rollback@example.cn'))).toHaveLength(0);
  });
});
