import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import { hashPassword } from '../../modules/identity/password.js';
import type { Role } from '../../common/auth/roles.js';
import { ScoringService } from '../../modules/scoring/scoring.service.js';
import { LedgerService } from '../../modules/ledger/ledger.service.js';

export const DEMO_PASSWORD = 'Demo1234!';

/** Fixed ids make the seed idempotent: running it twice changes nothing. */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const DEMO = {
  district: id(1),
  streets: [id(11), id(12)],
  communities: [id(101), id(102), id(103), id(104), id(105), id(106)],
  organization: id(501),
  /** The demo contract (seedDemoContract), its three milestones, its project and its delivered visit. */
  contract: id(601),
  milestones: [id(611), id(612), id(613)],
  project: id(621),
  serviceRecord: id(631),
} as const;

/** 阳光街道: payments of ¥50,000 or more also need the street director's approval. */
export const DEMO_DIRECTOR_THRESHOLD_FEN = 5_000_000;

const STREETS = [
  { id: DEMO.streets[0], name: '阳光街道' },
  { id: DEMO.streets[1], name: '和平街道' },
];
const COMMUNITIES = [
  { id: DEMO.communities[0], street: 0, name: '春晖社区' },
  { id: DEMO.communities[1], street: 0, name: '翠园社区' },
  { id: DEMO.communities[2], street: 0, name: '明德社区' },
  { id: DEMO.communities[3], street: 1, name: '安居社区' },
  { id: DEMO.communities[4], street: 1, name: '和睦社区' },
  { id: DEMO.communities[5], street: 1, name: '新桥社区' },
];

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  regionId?: string;
  organizationId?: string;
}

/** A demo account: its e-mail is `<user>@demo.sanshe.cn`; `scope` is the region or organization of its role. */
const account = (
  user: string,
  name: string,
  role: Role,
  scope: Pick<DemoAccount, 'regionId' | 'organizationId'> = {},
): DemoAccount => ({ email: `${user}@demo.sanshe.cn`, name, role, ...scope });

export const DEMO_ACCOUNTS: DemoAccount[] = [
  account('admin', '平台管理员', 'platform_admin'),
  account('officer', '王科长 (街道)', 'street_officer', { regionId: DEMO.streets[0] }),
  account('finance', '李会计 (街道财务)', 'street_finance', { regionId: DEMO.streets[0] }),
  account('director', '赵主任 (街道)', 'street_director', { regionId: DEMO.streets[0] }),
  account('evaluator', '陈专家 (评审)', 'evaluator', { regionId: DEMO.streets[0] }),
  account('staff', '刘书记 (社区)', 'community_staff', { regionId: DEMO.communities[0] }),
  account('resident', '张阿姨 (居民)', 'resident', { regionId: DEMO.communities[0] }),
  account('orgadmin', '周主任 (社会组织)', 'org_admin', { organizationId: DEMO.organization }),
  account('worker', '吴社工', 'social_worker', { organizationId: DEMO.organization }),
];

export async function seedDemo(dataSource: DataSource): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (m) => {
    const region = (rid: string, name: string, level: string, parentId: string | null, path: string) =>
      m.query(
        `INSERT INTO regions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [rid, name, level, parentId, path],
      );
    const districtPath = `/${DEMO.district}/`;
    await region(DEMO.district, '示范区', 'district', null, districtPath);
    for (const s of STREETS) await region(s.id, s.name, 'street', DEMO.district, `${districtPath}${s.id}/`);
    let gridNo = 1000;
    for (const c of COMMUNITIES) {
      const streetPath = `${districtPath}${STREETS[c.street].id}/`;
      await region(c.id, c.name, 'community', STREETS[c.street].id, `${streetPath}${c.id}/`);
      for (const g of [1, 2]) {
        const gid = id(gridNo++);
        await region(gid, `${c.name}第${g}网格`, 'grid', c.id, `${streetPath}${c.id}/${gid}/`);
      }
    }
    await m.query(
      `INSERT INTO organizations (id, name, credit_code, type, description, legal_representative, contact_phone, home_street_id,
                                  status, grade, grade_expires_on)
       VALUES ($1, $2, $3, 'life_service', $4, '周明', '057188001234', $5, 'verified', '4A', current_date + 730)
       ON CONFLICT (id) DO NOTHING`,
      [
        DEMO.organization,
        '阳光居家养老服务中心',
        '52330100MJ00000011',
        '为辖区高龄、独居老人提供助餐、助洁、探访和健康服务。',
        DEMO.streets[0],
      ],
    );
    await m.query(
      `INSERT INTO organization_categories (organization_id, category_code) VALUES ($1, 'elderly.home_care'), ($1, 'housekeeping')
       ON CONFLICT DO NOTHING`,
      [DEMO.organization],
    );
    await m.query(
      `INSERT INTO organization_communities (organization_id, community_id) VALUES ($1, $2), ($1, $3) ON CONFLICT DO NOTHING`,
      [DEMO.organization, DEMO.communities[0], DEMO.communities[1]],
    );
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const uid = id(900 + i);
      await m.query(
        `INSERT INTO users (id, email, display_name, password_hash, email_verified_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (email) DO NOTHING`,
        [uid, a.email, a.name, passwordHash],
      );
      await m.query(
        `INSERT INTO role_memberships (user_id, role, region_id, organization_id)
         SELECT id, $2, $3, $4 FROM users WHERE email = $1 ON CONFLICT DO NOTHING`,
        [a.email, a.role, a.regionId ?? null, a.organizationId ?? null],
      );
    }
    // The demo evaluator is in the street's pool for every top-level category of the catalog.
    await m.query(
      `INSERT INTO evaluator_categories (grant_id, category_code)
       SELECT g.id, c.code FROM role_grants g JOIN users u ON u.id = g.user_id, service_categories c
        WHERE u.email = $1 AND g.role = 'evaluator' AND c.parent_code IS NULL AND c.retired_at IS NULL
       ON CONFLICT DO NOTHING`,
      ['evaluator@demo.sanshe.cn'],
    );
    // The demo social worker is an active, qualified member of the demo organization.
    await m.query(
      `INSERT INTO organization_members (organization_id, user_id, invited_email, status, qualification_level, certificate_no,
                                         qualification_verified_at, invited_by, joined_at)
       SELECT $1, w.id, w.email, 'active', 'social_worker', 'S2024330100001', now(), a.id, now()
         FROM users w, users a WHERE w.email = 'worker@demo.sanshe.cn' AND a.email = 'orgadmin@demo.sanshe.cn'
       ON CONFLICT DO NOTHING`,
      [DEMO.organization],
    );
    return `demo data ready: 1 district, ${STREETS.length} streets, ${COMMUNITIES.length} communities, ${DEMO_ACCOUNTS.length} accounts (password ${DEMO_PASSWORD})`;
  });
}

/**
 * The money flow's demo (run by `npm run db:seed` after seedDemo; tests call seedDemo alone): 阳光街道
 * gets this year's budget of ¥1,000,000 and a director threshold of ¥50,000; the demo organization
 * holds a ¥240,000 contract committed against that budget, in three milestones of ¥72,000, ¥96,000
 * and ¥72,000, with its project (the demo worker leads). One approved two-hour visit that the demo
 * resident confirmed meets the first milestone's acceptance rule (1.8 h and one resident), so the
 * organization can request that payment at once. Written once: a second run changes nothing.
 */
export async function seedDemoContract(dataSource: DataSource): Promise<string> {
  const ledger = new LedgerService(dataSource, new AccessService(dataSource), new AuditService(dataSource));
  return dataSource.transaction(async (m) => {
    const [{ officer, worker, resident }] = await m.query(
      `SELECT (SELECT id FROM users WHERE email = 'officer@demo.sanshe.cn') AS officer,
              (SELECT id FROM users WHERE email = 'worker@demo.sanshe.cn') AS worker,
              (SELECT id FROM users WHERE email = 'resident@demo.sanshe.cn') AS resident`,
    );
    const [{ year, startsOn, endsOn }] = await m.query(
      `SELECT extract(year FROM current_date)::int AS year, to_char(date_trunc('year', current_date), 'YYYY-MM-DD') AS "startsOn",
              to_char(current_date + 180, 'YYYY-MM-DD') AS "endsOn"`,
    );
    const street = DEMO.streets[0];
    await m.query(
      `INSERT INTO street_settings (street_id, director_threshold_fen) VALUES ($1, $2) ON CONFLICT (street_id) DO NOTHING`,
      [street, DEMO_DIRECTOR_THRESHOLD_FEN],
    );
    const created = await m.query(
      `INSERT INTO contracts (id, organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
       VALUES ($1, $2, $3, $4, 24000000, $5, $6, '{"serviceHours": 6, "beneficiaries": 1, "minSatisfaction": 4}', $7)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        DEMO.contract,
        DEMO.organization,
        street,
        '阳光街道高龄老人居家探访服务（演示合同）',
        startsOn,
        endsOn,
        officer,
      ],
    );
    if (!created.length) return 'demo contract already there';

    await ledger.postAllocation(m, null, {
      streetId: street,
      year,
      amountFen: 100_000_000,
      reference: `DEMO-BUDGET-${year}`,
    });
    await ledger.commitContract(m, officer, {
      id: DEMO.contract,
      streetId: street,
      year,
      amountFen: 24_000_000,
    });
    // Shares 30 % / 40 % / 30 %; each rule is the KPIs (6 h, 1 resident) times the cumulative share.
    // The first milestone's rule asks for no deliverable file (its request needs none: nothing is
    // requested in the seed); the later ones ask for one report each, attached when requested.
    const plan = [
      { name: '首期', shareBp: 3000, amountFen: 7_200_000, dueInDays: 0, hours: 1.8, deliverables: 0 },
      { name: '中期', shareBp: 4000, amountFen: 9_600_000, dueInDays: 90, hours: 4.2, deliverables: 1 },
      { name: '终期', shareBp: 3000, amountFen: 7_200_000, dueInDays: 180, hours: 6, deliverables: 1 },
    ];
    for (const [i, p] of plan.entries()) {
      await m.query(
        `INSERT INTO milestones (id, contract_id, seq, name, share_bp, amount_fen, due_on, min_approved_hours, min_confirmed_beneficiaries, min_deliverables)
         VALUES ($1, $2, $3, $4, $5, $6, current_date + $7::int, $8, 1, $9)`,
        [
          DEMO.milestones[i],
          DEMO.contract,
          i + 1,
          p.name,
          p.shareBp,
          p.amountFen,
          p.dueInDays,
          p.hours,
          p.deliverables,
        ],
      );
    }
    await m.query(
      `INSERT INTO projects (id, contract_id, organization_id, title, lead_user_id) SELECT $1, id, organization_id, title, $2 FROM contracts WHERE id = $3`,
      [DEMO.project, worker, DEMO.contract],
    );
    await m.query(`INSERT INTO project_members (project_id, user_id) VALUES ($1, $2)`, [
      DEMO.project,
      worker,
    ]);
    await m.query(
      `INSERT INTO service_records (id, project_id, worker_user_id, activity_type, community_id, started_at, ended_at, location, notes, status, decided_by)
       VALUES ($1, $2, $3, 'home_visit', $4, date_trunc('hour', now()) - interval '2 days', date_trunc('hour', now()) - interval '2 days' + interval '2 hours',
               '春晖社区5栋1单元', '入户探访：测量血压，整理药品，讲解防跌倒要点。', 'approved', $3)`,
      [DEMO.serviceRecord, DEMO.project, worker, DEMO.communities[0]],
    );
    await m.query(
      `INSERT INTO record_beneficiaries (record_id, resident_user_id, response, responded_at) VALUES ($1, $2, 'confirmed', now())`,
      [DEMO.serviceRecord, resident],
    );
    return `demo contract ready: ${year} budget of 阳光街道 ¥1,000,000, contract ¥240,000 in 3 milestones (the first one payable), director threshold ¥50,000`;
  });
}

/** Month ends whose scores the demo shows as history, before today's. */
export const DEMO_SCORE_MONTHS = 5;

/**
 * Score snapshots for the demo, computed by the real ScoringService from whatever the database holds: the
 * last {@link DEMO_SCORE_MONTHS} month ends and today, so score pages have a history to chart. Idempotent
 * (a rerun overwrites the same periods). Kept apart from seedDemo: the test suites that seed the demo
 * start unscored (tender evaluation gives an unscored organization the neutral prior).
 */
export async function seedDemoScores(dataSource: DataSource, today = new Date()): Promise<number> {
  const scoring = new ScoringService(dataSource);
  const periods: string[] = [];
  for (let back = DEMO_SCORE_MONTHS; back >= 1; back--) {
    // Day 0 of a month is the last day of the month before it.
    periods.push(
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 0))
        .toISOString()
        .slice(0, 10),
    );
  }
  periods.push(today.toISOString().slice(0, 10));
  let written = 0;
  for (const period of periods) written += await scoring.recompute(period);
  return written;
}
