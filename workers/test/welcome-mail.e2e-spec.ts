import type { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { Api } from '../../backend/test/support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';
import { startSmtp, type SmtpCatcher } from './support/smtp.js';

const waitFor = async <T>(probe: () => T | undefined, ms = 15000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

let env: Env;
let db: DataSource;
let smtp: SmtpCatcher;
let api: Api;
let workers: INestApplicationContext;

beforeAll(async () => {
  smtp = await startSmtp();
  env = useTestEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  db = await migratedDataSource(env);
  api = await Api.start();
  workers = await createWorkers({ logger: false });
  await workers.init();
});
afterAll(async () => {
  await workers?.close();
  await api?.close();
  await smtp.close();
  await dropSchema(db, env);
});

describe('welcome e-mail', () => {
  it('is queued by registration and delivered over SMTP by the workers, once', async () => {
    const res = await api.request('POST', '/api/auth/register', {
      body: { email: 'li.hua@example.cn', password: 'long-enough-1', displayName: '李华' },
    });
    expect(res.status).toBe(201);

    const mail = await waitFor(() => smtp.inbox.find((m) => m.to.includes('li.hua@example.cn')));
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('欢迎加入三社联动');
    expect(parsed.text).toContain('李华');
    expect(parsed.text).toContain('/login');

    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM sent_mail WHERE key = $1`, [
      `welcome:${res.body.id}`,
    ]);
    expect(n).toBe(1);
    // A redelivered job (BullMQ delivers at least once) does not send the mail again.
    const { MailService } = await import('@sanshe/backend/modules/mail/mail.service.js');
    await workers.get(MailService).sendWelcome(res.body.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.inbox.filter((m) => m.to.includes('li.hua@example.cn'))).toHaveLength(1);
  });
});
