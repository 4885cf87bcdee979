// `npm run bench -- sign-in`: what signing in costs the server. Brings up `npm start`'s stack (build
// first) on a fresh database with the demo data, then signs the demo accounts in by turns
// (POST /api/auth/login, the throttles set out of the way), N at a time: sign-ins per second, latency
// and the API's CPU. Beside it, in this process, the price of one hash under the password policy and
// under the argon2 library's defaults, which hashed passwords before (docs/security.md, "Sign-ins
// that hold the server's cores"). A measurement: exits 0.
import argon2 from 'argon2';
import { backend, median } from '../lib/common.mjs';
import { drive, table } from '../lib/load.mjs';
import { benchStack } from '../lib/stack.mjs';

export const description =
  'POST /api/auth/login: sign-ins per second, latency and CPU; the price of one hash';
export const flags = {
  duration: 'measured seconds (default 15)',
  connections: 'sign-ins at a time (default 4)',
  'api-port': 'port of the API it starts (default 3292)',
  'web-port': 'port of the web server it starts (default 4292)',
};

/** CPU and wall time of one hash with these options, median of 7. */
async function hashPrice(options) {
  const cpu = [];
  const wall = [];
  for (let i = 0; i < 7; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await argon2.hash('Bench1234!', { type: argon2.argon2id, ...options });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { cpuMs: Math.round(median(cpu)), wallMs: Math.round(median(wall)) };
}

export async function run(args) {
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await backend('database/seed/demo.js');
  const { hashPassword } = await backend('modules/identity/password.js');
  const params = /\$m=(\d+),p=(\d+),t=(\d+)\$/.exec(await hashPassword(DEMO_PASSWORD));
  const prices = [
    {
      name: `the policy (m=${params[1]}, p=${params[2]}, t=${params[3]})`,
      ...(await hashPrice({
        memoryCost: Number(params[1]),
        parallelism: Number(params[2]),
        timeCost: Number(params[3]),
      })),
    },
    { name: 'the library defaults (m=65536, p=4, t=3)', ...(await hashPrice({})) },
  ];

  const stack = await benchStack(args, {
    name: 'sign_in',
    apiPort: 3292,
    webPort: 4292,
    env: {
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_ACCOUNT_CEILING: '100000000',
    },
  });
  let result;
  try {
    result = await drive({
      server: { name: 'API', url: stack.apiUrl, pid: stack.apiPid },
      requests: DEMO_ACCOUNTS.map((a) => ({
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: a.email, password: DEMO_PASSWORD }),
      })),
      connections: Number(args.connections ?? 4),
      duration: Number(args.duration ?? 15),
    });
  } finally {
    await stack.stop();
  }

  console.log('\none argon2id hash, in this process (median of 7)\n');
  console.log(
    table(prices, [
      { title: 'parameters', value: (r) => r.name, left: true },
      { title: 'CPU ms', value: (r) => r.cpuMs },
      { title: 'wall ms', value: (r) => r.wallMs },
    ]),
  );
  console.log(`\nPOST /api/auth/login, the ${DEMO_ACCOUNTS.length} demo accounts by turns\n`);
  console.log(
    table(
      [result],
      [
        { title: 'connections', value: () => args.connections ?? 4 },
        { title: 'sign-ins/s', value: (r) => r.rps.toFixed(1) },
        { title: 'p50 ms', value: (r) => r.p50 },
        { title: 'p99 ms', value: (r) => r.p99 },
        { title: 'non-2xx', value: (r) => r.non2xx + r.errors },
        { title: 'API CPU %', value: (r) => r.serverCpu },
        {
          title: 'API CPU ms a sign-in',
          value: (r) => Math.round((r.serverCpu * 10 * r.duration) / r.requests),
        },
        { title: 'machine busy %', value: (r) => r.machineBusy },
      ],
    ),
  );
}
