import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { seedDemo } from '../src/database/seed/demo.js';
import { Api, newUser } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Every signed-in route with a path parameter, read from the OpenAPI document (a new route is
// covered without touching this file), called by a signed-in stranger (an account with no role
// anywhere) with the id of a real object of the demo data where there is one.
const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));

/** The table whose ids a path segment's parameter names. */
const TABLES: Record<string, string> = {
  organizations: 'organizations',
  'identity-changes': 'organization_identity_changes',
  objections: 'credit_objections',
  documents: 'organization_documents',
  members: 'organization_members',
  invitations: 'organization_members',
  communities: `regions WHERE level = 'community'`,
  streets: `regions WHERE level = 'street'`,
  'resident-requests': 'resident_requests',
  needs: 'needs',
  tenders: 'tenders',
  enquiries: 'tender_enquiries',
  bids: 'bids',
  complaints: 'tender_complaints',
  contracts: 'contracts',
  projects: 'projects',
  records: 'service_records',
  ratings: 'ratings',
  disbursements: 'disbursements',
  exports: 'export_jobs',
  donations: 'fund_donations',
  notifications: 'notifications',
};

/**
 * Open to any signed-in user by design, each for its reason; everything else must refuse a
 * stranger. Keep this list short: a route lands here only with a reason from PRODUCT.md.
 */
const OPEN_BY_DESIGN: Record<string, string> = {
  'POST /api/communities/{communityId}/resident-requests': 'anyone asks to be verified as a resident (§1)',
  'POST /api/organizations/{id}/objections': 'anyone may object to a public credit listing (§2)',
  'POST /api/bids/{id}/receipt/verify': 'a receipt proves itself to whoever holds it (§4)',
};

const SPARE = '00000000-0000-4000-8000-000000000000';

let env: Env;
let db: DataSource;
let api: Api;
let stranger: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  stranger = await newUser(api, 'stranger@example.cn');
  for (const [segment, table] of Object.entries(TABLES)) {
    const [row] = await db.query(`SELECT id FROM ${table} LIMIT 1`);
    ids[segment] = row?.id ?? SPARE;
  }
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

it('refuses every signed-in route with a path parameter to a stranger (403/404), but the few open by design', async () => {
  const answered: string[] = [];
  let called = 0;
  for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
    if (!path.includes('{')) continue;
    for (const [method, op] of Object.entries<any>(methods)) {
      if (!op.security?.length) continue; // public by design: security: [] in the document
      const name = `${method.toUpperCase()} ${path}`;
      if (OPEN_BY_DESIGN[name]) continue;
      const parts = path.split('/');
      const url = parts.map((p, i) => (p.startsWith('{') ? (ids[parts[i - 1]] ?? SPARE) : p)).join('/');
      const res = await api.request(method.toUpperCase() as 'GET', url, {
        token: stranger,
        ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
      });
      called++;
      // A write may be refused for its empty body before the scope check: a 400 moves nothing.
      const refused = [403, 404].includes(res.status) || (method !== 'get' && res.status === 400);
      if (!refused) answered.push(`${name} → ${res.status}`);
    }
  }
  expect(called).toBeGreaterThan(80);
  expect(answered).toEqual([]);
});
