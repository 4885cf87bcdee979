import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { seedDemo } from '../src/database/seed/demo.js';
import { Api, tokenFor } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Generated junk at every operation of the OpenAPI document (a new route is covered without
// touching this file): path parameters, query parameters and bodies, sent by the demo platform
// admin so that requests pass the role guards and reach the services. No answer may be a 5xx,
// and every 4xx carries the common error body.
interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query: string[];
  bodyFields: string[] | null;
}
const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
// Where a 5xx is the designed answer: Stripe is not configured in tests (503 payments.unavailable);
// the OCDS bulk file is not written before its job first runs (503 ocds.bulk_unavailable).
const DESIGNED_5XX = new Set(['payments.unavailable', 'ocds.bulk_unavailable']);
const SKIPPED = new Set(['/api/payments/stripe/webhook']); // signed by Stripe: its own tests

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
    if (SKIPPED.has(path)) continue;
    for (const [method, op] of Object.entries<any>(methods)) {
      const ref: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? doc.components.schemas[ref.split('/').at(-1)!] : null;
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        query: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
        bodyFields: op.requestBody ? Object.keys(schema?.properties ?? {}) : null,
      });
    }
  }
  return ops;
}

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 10 }).map((t) => `${t}\u0000${t}`),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '99999-12-31',
    '-1',
    '1e309',
    '9'.repeat(40),
    "'; DROP TABLE users; --",
    '00000000-0000-4000-8000-000000000000',
    Buffer.from('["99999-12-31T00:00:00Z",5]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    '../../etc/passwd',
    '%',
    '',
  ),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  // Often left out, so that one junk field at a time gets past the others' validation.
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: junkText, weight: 2 },
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, 2 ** 63, -(2 ** 53) - 7, [], {}),
  fc.array(junkText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), junkText, { maxKeys: 3 }),
);

let env: Env;
let db: DataSource;
let api: Api;
let token: string;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  token = await tokenFor(api, 'admin@demo.sanshe.cn');
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

it('answers generated junk at every operation with a 4xx and the common error body, never a 5xx', async () => {
  const ops = operations();
  expect(ops.length).toBeGreaterThan(100);
  const failures: string[] = [];
  await fc
    .assert(
      fc.asyncProperty(
        fc.constantFrom(...ops),
        fc.array(junkText, { minLength: 8, maxLength: 8 }),
        fc.array(junkValue, { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        async (op, texts, values, rawJunkBody) => {
          let i = 0;
          const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(texts[i++ % 4]));
          const query = op.query
            .map((name, j) => `${name}=${encodeURIComponent(texts[(j + 4) % 8])}`)
            .join('&');
          const url = query ? `${path}?${query}` : path;
          const body =
            op.bodyFields === null
              ? undefined
              : Object.fromEntries(op.bodyFields.map((field, j) => [field, values[(j + 3) % 8]]));
          const res = await api.request(op.method, url, {
            token,
            ...(rawJunkBody && body ? { rawBody: JSON.stringify(body).slice(0, -1) } : { body }),
          });
          const label = `${op.method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          const serverError = res.status >= 500 && !DESIGNED_5XX.has(res.body?.code);
          const noBody =
            res.status >= 400 &&
            (typeof res.body?.code !== 'string' || typeof res.body?.message !== 'string');
          if (serverError || noBody) failures.push(label);
          return !serverError && !noBody;
        },
      ),
      // Fixed seed: a failure reproduces; fast-check prints the seed and the shrunk case.
      { seed: 20261205, numRuns: 4000 },
    )
    .catch((err: Error) => {
      throw new Error(`${failures[0]}\n${err.message}`);
    });
}, 240_000);
