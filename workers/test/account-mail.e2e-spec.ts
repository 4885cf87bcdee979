import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { DEMO, seedDemo } from '@sanshe/backend/database/seed/demo.js';
import { Api, tokenFor } from '../../backend/test/support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { createWorkers } from '../src/bootstrap.js';
import { startSmtp, type SmtpCatcher } from './support/smtp.js';
import { queueConnection } from '../../backend/src/jobs/queue-connection.js';

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

/** The token of the link in a mail (after the `#`, so it never reaches a server's logs). */
const linkToken = (text: string | undefined, path: string) => {
  const match = new RegExp(`/${path}#([\\w-]+)`).exec(text ?? '');
  if (!match) throw new Error(`no /${path} link in: ${text}`);
  return match[1];
};

describe('account e-mail', () => {
  it('welcomes a new user with a link that verifies the address, mailed once', async () => {
    const res = await api.request('POST', '/api/auth/register', {
      body: { email: 'li.hua@example.cn', password: 'long-enough-1', displayName: '李华' },
    });
    expect(res.status).toBe(202);

    const mail = await waitFor(() => smtp.inbox.find((m) => m.to.includes('li.hua@example.cn')));
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('欢迎加入三社联动：请验证您的邮箱');
    expect(parsed.text).toContain('李华');
    const token = linkToken(parsed.text, 'verify-email');
    // Only the hash is stored: the token exists in the mail alone.
    const [row] = await db.query(
      `SELECT token_hash, user_id FROM email_tokens WHERE purpose = 'verify_email'`,
    );
    expect(row.token_hash).not.toBe(token);

    const login = await api.request('POST', '/api/auth/login', {
      body: { email: 'li.hua@example.cn', password: 'long-enough-1' },
    });
    expect(login.body.user.emailVerified).toBe(false);
    expect(
      (await api.request('POST', '/api/me/email/verify', { token: login.body.accessToken, body: { token } }))
        .status,
    ).toBe(200);
    const me = await api.request('GET', '/api/me', { token: login.body.accessToken });
    expect(me.body.emailVerified).toBe(true);

    // A redelivered job (BullMQ delivers at least once) neither mails again nor mints another link.
    const [{ key }] = await db.query(`SELECT key FROM sent_mail WHERE key LIKE 'verify-email:%'`);
    const { MailService } = await import('@sanshe/backend/modules/mail/mail.service.js');
    await workers.get(MailService).sendVerification(row.user_id, key.slice('verify-email:'.length));
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.inbox.filter((m) => m.to.includes('li.hua@example.cn'))).toHaveLength(1);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM email_tokens`);
    expect(n).toBe(1);
  });

  it('tells the owner when someone registers with a known address, answering the same', async () => {
    const res = await api.request('POST', '/api/auth/register', {
      body: { email: 'li.hua@example.cn', password: 'intruder-pass-9', displayName: '冒名者' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ email: 'li.hua@example.cn' });
    const parsed = await waitFor(() => {
      const mails = smtp.inbox.filter((m) => m.to.includes('li.hua@example.cn'));
      return mails.length === 2 ? mails[1] : undefined;
    }).then((m) => simpleParser(m.raw));
    expect(parsed.subject).toBe('三社联动：有人尝试用您的邮箱注册');
    expect(parsed.text).toContain('/forgot-password');
    expect(parsed.text).not.toContain('冒名者');
  });

  it('resets a forgotten password through the mailed link and signs every session out', async () => {
    const before = await api.request('POST', '/api/auth/login', {
      body: { email: 'li.hua@example.cn', password: 'long-enough-1' },
    });
    expect(before.status).toBe(200);
    const forgot = await api.request('POST', '/api/auth/password/forgot', {
      body: { email: 'li.hua@example.cn' },
    });
    expect(forgot.status).toBe(202);
    const parsed = await waitFor(() => {
      const mails = smtp.inbox.filter((m) => m.to.includes('li.hua@example.cn'));
      return mails.length === 3 ? mails[2] : undefined;
    }).then((m) => simpleParser(m.raw));
    expect(parsed.subject).toBe('三社联动：重设密码');
    const token = linkToken(parsed.text, 'reset-password');

    const reset = await api.request('POST', '/api/auth/password/reset', {
      body: { token, password: 'a-new-password-7' },
    });
    expect(reset.status).toBe(204);
    expect((await api.request('GET', '/api/me', { token: before.body.accessToken })).status).toBe(401);
    const again = await api.request('POST', '/api/auth/password/reset', {
      body: { token, password: 'someone-else-8' },
    });
    expect(again.body.code).toBe('auth.link_invalid');
    expect(
      (
        await api.request('POST', '/api/auth/login', {
          body: { email: 'li.hua@example.cn', password: 'a-new-password-7' },
        })
      ).status,
    ).toBe(200);

    // An unknown address gets the same answer and no mail.
    const unknown = await api.request('POST', '/api/auth/password/forgot', {
      body: { email: 'no.one@example.cn' },
    });
    expect(unknown.status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.inbox.some((m) => m.to.includes('no.one@example.cn'))).toBe(false);
  });

  it('invites a person granted a role: the mailed link sets their password and the role takes effect', async () => {
    await seedDemo(db);
    const admin = await tokenFor(api, 'admin@demo.sanshe.cn');
    const granted = await api.request('POST', `/api/regions/${DEMO.streets[1]}/grants`, {
      token: admin,
      body: { email: 'wu.finance@example.cn', displayName: '吴会计', role: 'street_finance' },
    });
    expect(granted.status).toBe(201);
    const mail = await waitFor(() => smtp.inbox.find((m) => m.to.includes('wu.finance@example.cn')));
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('三社联动：您已获授权「和平街道 街道财务」');
    expect(parsed.text).toContain('平台管理员');
    const token = linkToken(parsed.text, 'welcome');
    const set = await api.request('POST', '/api/auth/password/reset', {
      body: { token, password: 'chosen-by-wu-1' },
    });
    expect(set.status).toBe(204);
    const me = await api.request('GET', '/api/me', {
      token: await tokenFor(api, 'wu.finance@example.cn', 'chosen-by-wu-1'),
    });
    expect(me.body.emailVerified).toBe(true);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: 'street_finance', regionId: DEMO.streets[1] }),
    ]);

    // A second role for the same, now verified, person: a notice without a link.
    const second = await api.request('POST', `/api/regions/${DEMO.streets[0]}/grants`, {
      token: admin,
      body: { email: 'wu.finance@example.cn', role: 'evaluator', categoryCodes: ['elderly'] },
    });
    expect(second.status).toBe(201);
    const notice = await waitFor(() => smtp.inbox.filter((m) => m.to.includes('wu.finance@example.cn'))[1]);
    const text = (await simpleParser(notice.raw)).text ?? '';
    expect(text).toContain('/login');
    expect(text).not.toContain('/welcome#');
  });

  it('purges the rows of links a week past their expiry, daily, keeping the recent ones', async () => {
    const queue = new Queue('mail', queueConnection(env));
    try {
      expect(await queue.getJobSchedulers()).toContainEqual(
        expect.objectContaining({
          key: 'mail-purge-links-daily',
          pattern: '45 4 * * *',
          tz: 'Asia/Shanghai',
        }),
      );
      const [{ id }] = await db.query(`SELECT id FROM users WHERE email = 'wu.finance@example.cn'`);
      await db.query(
        `INSERT INTO email_tokens (token_hash, user_id, purpose, email, expires_at)
         VALUES (repeat('a', 64), $1, 'reset_password', 'wu.finance@example.cn', now() - interval '8 days'),
                (repeat('b', 64), $1, 'reset_password', 'wu.finance@example.cn', now() - interval '6 days')`,
        [id],
      );
      await queue.add('mail.purge_links', {});
      const until = Date.now() + 15000;
      while ((await db.query(`SELECT 1 FROM email_tokens WHERE token_hash = repeat('a', 64)`)).length) {
        if (Date.now() > until) throw new Error('the old link was not purged');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await db.query(`SELECT 1 FROM email_tokens WHERE token_hash = repeat('b', 64)`)).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });
});
