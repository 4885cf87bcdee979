import type { DataSource } from 'typeorm';
import type { Env } from '../src/config/env.js';
import { DEMO, seedDemo } from '../src/database/seed/demo.js';
import { mintEmailToken } from '../src/modules/identity/email-tokens.js';
import { Api, newUser, tokenFor, uploadFile, verifyEmail, workbook } from './support/http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './support/test-env.js';

// Role grants (PRODUCT §1): a platform admin grants street roles; a street director grants
// community staff and evaluators inside its street. People are named by e-mail and set their own
// password by the mailed link; a grant has a granter, a period, and is revoked without deleting;
// finance and director of one street are never the same person.

let env: Env;
let db: DataSource;
let api: Api;
let admin: string;
const demo: Record<string, string> = {};
const [STREET_1, STREET_2] = DEMO.streets;
const COMMUNITY_OF_2 = DEMO.communities[3];
const PASSWORD = 'set-by-owner-1';

const grant = (regionId: string, body: Record<string, unknown>, token = admin) =>
  api.request('POST', `/api/regions/${regionId}/grants`, { token, body });
const revoke = (grantId: string, reason: unknown, token = admin) =>
  api.request('POST', `/api/grants/${grantId}/revoke`, { token, body: { reason } });
const rolesOf = async (email: string): Promise<string[]> =>
  (
    await db.query(
      `SELECT m.role FROM role_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.role`,
      [email],
    )
  ).map((r: { role: string }) => r.role);
const count = async (table: string): Promise<number> =>
  (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

/** What the owner of a new account does with the mailed link: sets a password (which verifies the address), signs in. */
async function acceptInvitation(email: string): Promise<string> {
  const [user]: { id: string }[] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  const token = await mintEmailToken(db.manager, { id: user.id, email }, 'reset_password', 60);
  const res = await api.request('POST', '/api/auth/password/reset', { body: { token, password: PASSWORD } });
  expect(res.status).toBe(204);
  return tokenFor(api, email, PASSWORD);
}

let director2: string;

beforeAll(async () => {
  env = useTestEnv();
  db = await migratedDataSource(env);
  await seedDemo(db);
  api = await Api.start();
  admin = await tokenFor(api, 'admin@demo.sanshe.cn');
  for (const who of ['officer', 'director', 'finance', 'orgadmin', 'resident', 'evaluator'])
    demo[who] = await tokenFor(api, `${who}@demo.sanshe.cn`);
});
afterAll(async () => {
  await api?.close();
  await dropSchema(db, env);
});

describe('granting by e-mail', () => {
  it('invites a new street director: an account nobody can use until its owner sets the password by the link', async () => {
    const res = await grant(STREET_2, {
      email: ' Zhao.Director@Example.cn ',
      displayName: '赵主任',
      role: 'street_director',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'zhao.director@example.cn',
      displayName: '赵主任',
      role: 'street_director',
      regionId: STREET_2,
      status: 'active',
      emailVerified: false,
      grantedByName: '平台管理员',
      revokedAt: null,
    });
    // Not in force before the address is verified; nobody knows a password to sign in with.
    expect(await rolesOf('zhao.director@example.cn')).toEqual([]);
    expect(
      (
        await api.request('POST', '/api/auth/login', {
          body: { email: 'zhao.director@example.cn', password: 'anything-at-all-1' },
        })
      ).status,
    ).toBe(401);
    const [audit] = await db.query(
      `SELECT action, actor_id AS "actorId", after FROM audit_log WHERE entity_id = $1`,
      [res.body.id],
    );
    expect(audit).toMatchObject({
      action: 'role.granted',
      after: { role: 'street_director', newAccount: true },
    });

    director2 = await acceptInvitation('zhao.director@example.cn');
    expect(await rolesOf('zhao.director@example.cn')).toEqual(['street_director']);
    const me = await api.request('GET', '/api/me', { token: director2 });
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: 'street_director', regionId: STREET_2 }),
    ]);
  });

  it('gives an existing verified account the role at once', async () => {
    await newUser(api, 'known.officer@example.cn');
    await verifyEmail(api, db, 'known.officer@example.cn');
    const res = await grant(STREET_2, { email: 'known.officer@example.cn', role: 'street_officer' });
    expect(res.status).toBe(201);
    expect(res.body.emailVerified).toBe(true);
    expect(await rolesOf('known.officer@example.cn')).toEqual(['street_officer']);
  });

  it('keeps a grant to an unverified account (anyone may register any address) idle until the address is proven', async () => {
    await newUser(api, 'squatter@example.cn');
    const res = await grant(STREET_2, { email: 'squatter@example.cn', role: 'street_officer' });
    expect(res.status).toBe(201);
    expect(await rolesOf('squatter@example.cn')).toEqual([]);
    await verifyEmail(api, db, 'squatter@example.cn');
    expect(await rolesOf('squatter@example.cn')).toEqual(['street_officer']);
  });

  it('refuses a role the person already holds there, a bad period, and a role granted on the wrong level', async () => {
    expect(
      (await grant(STREET_2, { email: 'known.officer@example.cn', role: 'street_officer' })).body.code,
    ).toBe('state.conflict');
    const bad = [
      [
        STREET_2,
        {
          email: 'a@example.cn',
          role: 'street_officer',
          startsAt: '2030-01-02T00:00:00Z',
          endsAt: '2030-01-01T00:00:00Z',
        },
        400,
      ],
      [STREET_2, { email: 'a@example.cn', role: 'street_officer', startsAt: '2020-01-01T00:00:00Z' }, 400],
      [STREET_2, { email: 'a@example.cn', role: 'community_staff' }, 400],
      [COMMUNITY_OF_2, { email: 'a@example.cn', role: 'street_finance' }, 400],
      [STREET_2, { email: 'not-an-address', role: 'street_officer' }, 400],
      [STREET_2, { email: 'a@example.cn', role: 'platform_admin' }, 400],
      [STREET_2, { email: 'a@example.cn', role: 'evaluator' }, 400], // no categories
      [STREET_2, { email: 'a@example.cn', role: 'evaluator', categoryCodes: ['no.such'] }, 400],
      [STREET_2, { email: 'a@example.cn', role: 'street_officer', categoryCodes: ['elderly'] }, 400],
    ] as const;
    for (const [region, body, status] of bad) {
      const res = await grant(region, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.message).toEqual(expect.any(String));
    }
    expect(await db.query(`SELECT 1 FROM users WHERE email = 'a@example.cn'`)).toEqual([]);
  });

  it('schedules a grant that starts later: listed as scheduled, not in force', async () => {
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await grant(STREET_2, { email: 'later@example.cn', role: 'street_officer', startsAt });
    expect(res.body).toMatchObject({ status: 'scheduled', startsAt });
    await acceptInvitation('later@example.cn');
    expect(await rolesOf('later@example.cn')).toEqual([]);
  });
});

describe('who grants what', () => {
  it('lets a street director staff its own street (officers, finance, community staff, evaluators) but not name a director', async () => {
    const staff = await grant(
      COMMUNITY_OF_2,
      { email: 'staff2@example.cn', role: 'community_staff' },
      director2,
    );
    expect(staff.status).toBe(201);
    const evaluator = await grant(
      STREET_2,
      { email: 'expert2@example.cn', role: 'evaluator', categoryCodes: ['elderly', 'youth'] },
      director2,
    );
    expect(evaluator.status).toBe(201);
    expect(evaluator.body.categoryCodes).toEqual(['elderly', 'youth']);
    expect(
      (await grant(STREET_2, { email: 'officer2@example.cn', role: 'street_officer' }, director2)).status,
    ).toBe(201);
    expect(
      (await grant(STREET_2, { email: 'finance2@example.cn', role: 'street_finance' }, director2)).status,
    ).toBe(201);
    expect(
      (await grant(STREET_2, { email: 'x@example.cn', role: 'street_director' }, director2)).body.code,
    ).toBe('auth.forbidden');
    expect((await grant(STREET_1, { email: 'x@example.cn', role: 'street_officer' }, director2)).status).toBe(
      403,
    );
    expect(
      (
        await grant(
          DEMO.district,
          { email: 'x@example.cn', role: 'evaluator', categoryCodes: ['elderly'] },
          director2,
        )
      ).status,
    ).toBe(403);
    // Another street's community, and another street's list.
    expect(
      (await grant(DEMO.communities[0], { email: 'x@example.cn', role: 'community_staff' }, director2))
        .status,
    ).toBe(403);
    expect((await api.request('GET', `/api/regions/${STREET_1}/grants`, { token: director2 })).status).toBe(
      403,
    );
    expect(await db.query(`SELECT 1 FROM users WHERE email = 'x@example.cn'`)).toEqual([]);
  });

  it('refuses every other role, and granting oneself', async () => {
    for (const who of ['officer', 'finance', 'orgadmin', 'resident', 'evaluator']) {
      const res = await grant(
        DEMO.communities[0],
        { email: 'y@example.cn', role: 'community_staff' },
        demo[who],
      );
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
      expect((await api.request('GET', `/api/regions/${STREET_1}/grants`, { token: demo[who] })).status).toBe(
        403,
      );
    }
    expect((await api.request('GET', `/api/regions/${STREET_1}/grants`)).status).toBe(401);
    const self = await grant(
      STREET_2,
      { email: 'zhao.director@example.cn', role: 'evaluator', categoryCodes: ['elderly'] },
      director2,
    );
    expect(self.body.code).toBe('auth.forbidden');
  });

  it("lists a street's grants with their history for its director", async () => {
    const res = await api.request('GET', `/api/regions/${STREET_2}/grants`, { token: director2 });
    expect(res.status).toBe(200);
    const byEmail = Object.fromEntries(res.body.items.map((g: { email: string }) => [g.email, g]));
    expect(byEmail['staff2@example.cn']).toMatchObject({
      role: 'community_staff',
      regionId: COMMUNITY_OF_2,
      grantedByName: '赵主任',
    });
    expect(byEmail['later@example.cn'].status).toBe('scheduled');
    expect(
      res.body.items.every((g: { regionId: string }) =>
        [STREET_2, ...DEMO.communities.slice(3)].includes(g.regionId),
      ),
    ).toBe(true);
  });

  it("searches a street's grants by the holder's name or e-mail, a page at a time", async () => {
    const list = async (query: string, token = director2) => {
      const res = await api.request('GET', `/api/regions/${STREET_2}/grants?${query}`, { token });
      expect(res.status).toBe(200);
      return res.body as { items: { email: string }[]; nextCursor: string | null };
    };
    const emails = (page: { items: { email: string }[] }) => page.items.map((g) => g.email).sort();

    expect(emails(await list('q=staff2'))).toEqual(['staff2@example.cn']);
    expect(emails(await list('q=%40EXAMPLE.cn&limit=100'))).toEqual(
      emails(await list('limit=100')).filter((e) => e.endsWith('@example.cn')),
    );
    expect(emails(await list('q=_'))).toEqual([]); // a wildcard is a plain character
    expect(emails(await list(`q=${encodeURIComponent('赵主')}`))).toEqual(['zhao.director@example.cn']);

    // A row a page: the cursor walks the search's rows once each.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`q=2%40&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      walked.push(...page.items.map((g) => g.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked.sort()).toEqual([
      'expert2@example.cn',
      'finance2@example.cn',
      'officer2@example.cn',
      'staff2@example.cn',
    ]);

    // Searching does not widen who may look: another street's director, and an officer, are refused.
    const other = await api.request('GET', `/api/regions/${STREET_1}/grants?q=staff2`, { token: director2 });
    expect(other.status).toBe(403);
    const officer = await api.request('GET', `/api/regions/${STREET_2}/grants?q=staff2`, {
      token: demo['officer'],
    });
    expect(officer.status).toBe(403);
    expect(
      (await api.request('GET', `/api/regions/${STREET_2}/grants?q=`, { token: director2 })).status,
    ).toBe(200);
  });
});

describe('revoking', () => {
  it('ends a role at once, keeps the grant with who revoked it and why, and refuses twice', async () => {
    const [{ id }] = await db.query(
      `SELECT g.id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = 'staff2@example.cn'`,
    );
    expect((await revoke(id, '')).status).toBe(400);
    expect((await revoke(id, '调离本社区', demo.director)).status).toBe(403); // another street's director
    const res = await revoke(id, '调离本社区', director2);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'revoked',
      revokeReason: '调离本社区',
      revokedByName: '赵主任',
    });
    expect(await rolesOf('staff2@example.cn')).toEqual([]);
    expect((await revoke(id, '再次')).body.code).toBe('state.invalid_transition');
    expect((await db.query(`SELECT count(*)::int AS n FROM role_grants WHERE id = $1`, [id]))[0].n).toBe(1);
    expect((await revoke('00000000-0000-4000-8000-000000009999', '不存在')).status).toBe(404);
  });
});

describe('segregation of duties', () => {
  it('never makes one person finance and director of the same street; after a revocation the other role is fine', async () => {
    const finance = await grant(STREET_2, { email: 'qian@example.cn', role: 'street_finance' });
    expect(finance.status).toBe(201);
    const director = await grant(STREET_2, { email: 'qian@example.cn', role: 'street_director' });
    expect(director.status).toBe(409);
    expect(director.body.code).toBe('grant.duties_conflict');
    // Another street is another matter.
    expect((await grant(STREET_1, { email: 'qian@example.cn', role: 'street_director' })).status).toBe(201);
    expect((await revoke(finance.body.id, '转任街道主任')).status).toBe(200);
    expect((await grant(STREET_2, { email: 'qian@example.cn', role: 'street_director' })).status).toBe(201);
  });

  it('holds when both grants race', async () => {
    const results = await Promise.all([
      grant(STREET_2, { email: 'sun@example.cn', role: 'street_finance' }),
      grant(STREET_2, { email: 'sun@example.cn', role: 'street_director' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('is a rule of the database too', async () => {
    const [{ id }] = await db.query(`SELECT id FROM users WHERE email = 'sun@example.cn'`);
    const [held] = await db.query(`SELECT role FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL`, [
      id,
    ]);
    const other = held.role === 'street_finance' ? 'street_director' : 'street_finance';
    await expect(
      db.query(`INSERT INTO role_grants (user_id, role, region_id) VALUES ($1, $2, $3)`, [
        id,
        other,
        STREET_2,
      ]),
    ).rejects.toThrow(/role_grants_finance_director_apart/);
  });
});

describe('staff import', () => {
  const HEADER = '邮箱,姓名,角色,区域,类别,开始,结束';
  const upload = (name: string, data: Buffer | string, token = admin) =>
    uploadFile(api, '/api/admin/imports/staff', name, data, token);

  it('hands out the template and refuses anyone but a platform admin', async () => {
    const res = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}/api/admin/imports/staff/template`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect((await upload('s.csv', `${HEADER}\n`, director2)).status).toBe(403);
  });

  it('grants every row of a good CSV in one go', async () => {
    const csv = [
      HEADER,
      'im.officer@example.cn,钱科员,街道科员,示范区/和平街道,,,',
      'im.staff@example.cn,孙社工,community_staff,示范区 / 和平街道 / 安居社区,,2099-01-01,2099-12-31',
      'im.expert@example.cn,李专家,评审专家,示范区/和平街道,elderly;youth,,',
      'known.officer@example.cn,,评审专家,示范区,culture,,',
    ].join('\n');
    const before = await count('audit_log');
    const res = await upload('staff.csv', csv);
    expect(res).toEqual({ status: 201, body: { granted: 4, invited: 3 } });
    expect(await count('audit_log')).toBe(before + 5); // four grants and the import
    const [staff] = await db.query(
      `SELECT g.role, g.starts_at, g.ends_at FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = 'im.staff@example.cn'`,
    );
    // Calendar days in China: from the start of 1 January to the end of 31 December.
    expect(staff.starts_at.toISOString()).toBe('2098-12-31T16:00:00.000Z');
    expect(staff.ends_at.toISOString()).toBe('2099-12-31T16:00:00.000Z');
    expect(await rolesOf('known.officer@example.cn')).toEqual(['evaluator', 'street_officer']);
  });

  it('reads the XLSX template with columns in any order', async () => {
    const data = await workbook([
      ['角色', '区域', '邮箱', '姓名', '类别', '开始', '结束'],
      ['街道财务', '示范区/和平街道', 'xl.finance@example.cn', '周会计', '', '', ''],
    ]);
    expect(await upload('staff.xlsx', data)).toEqual({ status: 201, body: { granted: 1, invited: 1 } });
  });

  it('names every bad row and grants nothing', async () => {
    const csv = [
      HEADER,
      'ok.one@example.cn,一,街道科员,示范区/和平街道,,,', // fine on its own
      'bad-address,二,街道科员,示范区/和平街道,,,',
      'three@example.cn,三,门卫,示范区/和平街道,,,',
      'four@example.cn,四,街道科员,示范区/无此街道,,,',
      'five@example.cn,五,社区工作人员,示范区/和平街道,,,', // a street, not a community
      'six@example.cn,六,街道财务,示范区/和平街道,,,',
      'six@example.cn,六,街道主任,示范区/和平街道,,,', // finance and director in one file
      'known.officer@example.cn,,街道科员,示范区/和平街道,,,', // already holds it
      'nine@example.cn,九,评审专家,示范区/和平街道,,,', // no categories
      'ten@example.cn,十,街道科员,示范区/和平街道,,2026-13-40,',
      'eleven@example.cn,十一,街道科员,示范区/和平街道,,2020-01-01,', // in the past
      ',十二,街道科员,示范区/和平街道,,,',
    ].join('\n');
    const users = await count('users');
    const grants = await count('role_grants');
    const audit = await count('audit_log');
    const res = await upload('bad.csv', csv);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('import.rows_invalid');
    // The rows the file alone condemns; the ones only the database refuses are named once those pass.
    expect(res.body.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 8, 11, 12, 13]);
    expect([await count('users'), await count('role_grants'), await count('audit_log')]).toEqual([
      users,
      grants,
      audit,
    ]);

    const onlyDatabase = [
      HEADER,
      'ok.one@example.cn,一,街道科员,示范区/和平街道,,,',
      csv.split('\n')[6],
      csv.split('\n')[8],
      csv.split('\n')[9],
    ].join('\n');
    const second = await upload('bad.csv', onlyDatabase);
    expect(second.status).toBe(422);
    // Lines 2 and 3 are fine; 4 already holds the role, 5 names no categories: still nothing granted.
    expect(second.body.details.errors.map((e: { line: number }) => e.line)).toEqual([4, 5]);
    expect([await count('users'), await count('role_grants'), await count('audit_log')]).toEqual([
      users,
      grants,
      audit,
    ]);
  });
});
