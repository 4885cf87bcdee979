import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { Api } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

let env: Env;
let db: DataSource;
let api: Api;

const PRIVATE_FIELDS = [
  'legalRepresentative',
  'contactPhone',
  'creditCode',
  'documents',
  'creditReason',
  'legal_representative',
  'contact_phone',
];

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  // 30 verified organizations across both streets, plus hidden ones that must never show.
  await db.query(
    `INSERT INTO organizations (name, filed_only, type, description, legal_representative, contact_phone, home_street_id, status, grade, grade_expires_on)
     SELECT format('第%s社区服务社', lpad(i::text, 2, '0')), true, (ARRAY['charity','mutual_aid','other'])[1 + i % 3], '邻里互助',
            '秘密法人', '13811112222', (ARRAY[$1::uuid, $2::uuid])[1 + i % 2], 'verified',
            CASE WHEN i % 5 = 0 THEN '5A' WHEN i % 5 = 1 THEN '3A' END,
            CASE WHEN i % 5 = 0 THEN current_date + 100 WHEN i % 5 = 1 THEN current_date - 1 END
       FROM generate_series(1, 30) i`,
    [DEMO.streets[0], DEMO.streets[1]],
  );
  await db.query(
    `INSERT INTO organizations (name, filed_only, home_street_id, status) VALUES ('待审核养老驿站', true, $1, 'pending'), ('已暂停养老驿站', true, $1, 'suspended')`,
    [DEMO.streets[0]],
  );
  await db.query(
    `INSERT INTO organization_communities (organization_id, community_id) SELECT id, $1 FROM organizations WHERE name = '第08社区服务社'`,
    [DEMO.communities[4]],
  );
  api = await Api.start();
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

const search = (query: string) => api.request('GET', `/api/directory?${query}`);
const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((o) => o.name);

describe('public directory', () => {
  it('finds organizations by a Chinese substring of the name, verified ones only', async () => {
    const res = await search(`q=${encodeURIComponent('养老')}`);
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['阳光居家养老服务中心']);
  });

  it('matches the description too, and treats % and _ literally', async () => {
    expect(names(await search(`q=${encodeURIComponent('独居老人')}`))).toEqual(['阳光居家养老服务中心']);
    expect((await search(`q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
  });

  it('never returns a private field', async () => {
    const res = await search('limit=100');
    for (const field of PRIVATE_FIELDS) expect(JSON.stringify(res.body)).not.toContain(`"${field}"`);
    expect(JSON.stringify(res.body)).not.toContain('秘密法人');
    const profile = await api.request('GET', `/api/directory/${DEMO.organization}`);
    expect(profile.status).toBe(200);
    for (const field of PRIVATE_FIELDS) expect(profile.body).not.toHaveProperty(field);
  });

  it('hides pending and suspended organizations, also from the profile page', async () => {
    const [{ id }] = await db.query(`SELECT id FROM organizations WHERE name = '已暂停养老驿站'`);
    expect((await api.request('GET', `/api/directory/${id}`)).status).toBe(404);
  });

  it('filters by type, category, street, community and minimum unexpired grade', async () => {
    expect(names(await search('type=life_service'))).toEqual(['阳光居家养老服务中心']);
    expect(names(await search('category=elderly'))).toEqual(['阳光居家养老服务中心']); // a parent code covers its children
    expect(names(await search('category=youth'))).toEqual([]);
    expect(names(await search(`communityId=${DEMO.communities[4]}`))).toEqual(['第08社区服务社']);
    const street1 = await search(`streetId=${DEMO.streets[1]}&limit=100`);
    // Home street 和平街道 (the 15 odd-numbered), or serving one of its communities (No. 08).
    expect(street1.body.items).toHaveLength(16);
    const graded = await search('minGrade=3A&limit=100');
    // 5A until next year (6 of them) plus the demo 4A; the 3A grades expired yesterday count as none.
    expect(graded.body.items.map((o: { grade: string }) => o.grade).sort()).toEqual([
      '4A',
      '5A',
      '5A',
      '5A',
      '5A',
      '5A',
      '5A',
    ]);
  });

  it('pages through everything with the cursor, in order, without repeats, for every sort', async () => {
    for (const sort of ['name', 'grade', 'newest']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
          await search(`sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((o) => o.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(31);
      expect(new Set(seen).size).toBe(31);
    }
    const byGrade = await search('sort=grade&limit=7');
    expect(byGrade.body.items.slice(0, 6).map((o: { grade: string }) => o.grade)).toEqual([
      '5A',
      '5A',
      '5A',
      '5A',
      '5A',
      '5A',
    ]);
    expect(byGrade.body.items[6].grade).toBe('4A');
  });

  it('answers bad parameters with 400, never 500', async () => {
    for (const query of [
      'cursor=garbage',
      'limit=0',
      'limit=1000',
      'minGrade=6A',
      'sort=random',
      'communityId=x',
      'type=bank',
      'unknown=1',
    ]) {
      const res = await search(query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.code).toBe('validation.failed');
    }
  });
});
