import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import type { Env } from '@sanshe/backend/config/env.js';
import { waitFor } from '../../backend/test/support/wait.js';
import { dropSchema, migratedDataSource, useTestEnv } from '../../backend/test/support/test-env.js';
import { queueConnection } from '../../backend/src/jobs/queue-connection.js';

let env: Env;
let db: DataSource;
let queue: Queue;
let smtp: SMTPServer;
let worker: ChildProcess | undefined;
const delivered: string[] = [];
let sendStarted = false;

beforeAll(async () => {
  // An SMTP server that takes 1.5 s to accept a message: the job is mid-flight when SIGTERM arrives.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      sendStarted = true;
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          delivered.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        }, 1500),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  env = useTestEnv({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}` });
  db = await migratedDataSource(env);
  queue = new Queue('mail', queueConnection(env));
});
afterAll(async () => {
  worker?.kill('SIGKILL');
  await queue?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await dropSchema(db, env);
});

describe('workers process', () => {
  it('finishes the job it is running when told to stop with SIGTERM, then exits cleanly', async () => {
    const main = new URL('../dist/main.js', import.meta.url).pathname;
    if (!existsSync(main)) throw new Error('build the workers first (npm run build)');
    const [{ id: userId }] = await db.query(
      `INSERT INTO users (email, display_name, password_hash) VALUES ('wang.fang@example.cn', '王芳', 'x') RETURNING id`,
    );

    worker = spawn(process.execPath, [main], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: 'inherit',
    });
    const exited = new Promise<number | null>((resolve) => worker!.once('exit', (code) => resolve(code)));
    await waitFor(async () => (await queue.getWorkers()).length > 0, 'the worker to connect');

    const job = await queue.add('mail.verify_email', {
      userId,
      requestId: '00000000-0000-4000-8000-000000000001',
    });
    await waitFor(() => sendStarted, 'the job to start sending');
    worker.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(delivered).toEqual(['wang.fang@example.cn']);
    expect(await (await queue.getJob(job.id!))!.getState()).toBe('completed');
  });
});
