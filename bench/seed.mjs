// `npm run bench:seed`: (re)creates the benchmark database (`sanshe_bench`, or BENCH_DATABASE_URL),
// migrates it with the app's own migrations, then fills it with set-based SQL (generate_series,
// INSERT … SELECT): 1 district, 20 streets, 200 communities, the service catalog, 5,000
// organizations and 50,000 social workers; for the delivery benchmarks (service-records), direct-commission
// contracts with milestones, one project per contract with its team, 4,000 residents and `--records N`
// historical service records with their beneficiaries and ratings (bench/lib/seed-records.mjs). Values are
// pseudo-random but deterministic (md5 of a salt and the row number), so every reseed yields the same ids,
// names and shapes.
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import {
  BENCH_DATABASE_URL,
  backend,
  databaseName,
  maintenanceUrl,
  parseArgs,
  seconds,
  warnUnknownFlags,
} from './lib/common.mjs';
import { RANDOM_FUNCTIONS, seedRecords } from './lib/seed-records.mjs';

const ORGANIZATIONS = 5_000;
const WORKERS = 50_000;
const STREETS = 20;
const COMMUNITIES_PER_STREET = 10;
/** Residents (role `resident`, scoped to their community) per community: the records' beneficiaries. */
const RESIDENTS_PER_COMMUNITY = 20;
/** Share of the eligible organizations (verified, normal credit, >= 3 active workers) holding a contract. */
const CONTRACT_SHARE = 0.6;
/** Historical service records (`--records N`): the table the service-records benchmark inserts into is not empty. */
const DEFAULT_RECORDS = 100_000;
/** The accounts' password (argon2id, hashed once): the bench users can sign in. */
export const BENCH_PASSWORD = 'Bench1234!';

const DISTRICT = '滨江';
// prettier-ignore
const STREET_WORDS = [
  '东湖', '西湖', '南山', '北苑', '青山', '白沙', '红星', '金桥', '银杏', '丹桂',
  '长乐', '永安', '兴华', '振兴', '光明', '朝阳', '新华', '文昌', '迎春', '望江',
];
const COMMUNITY_WORDS = ['春晖', '翠园', '明德', '安居', '和睦', '新桥', '枫林', '桂苑', '康乐', '锦绣'];
// prettier-ignore
const BRANDS = [
  '阳光', '爱心', '幸福', '同心', '乐龄', '启明', '益家', '和美', '暖阳', '善德',
  '知行', '春雨', '彩虹', '蒲公英', '向日葵', '康宁', '德馨', '仁爱', '邻里', '馨家',
];
/** Theme word of the name → its main catalog code, whom it serves, what it does. */
const THEMES = [
  { word: '养老', code: 'elderly', target: '老年人', service: '助餐助浴、健康管理和精神慰藉' },
  {
    word: '居家养老',
    code: 'elderly.home_care',
    target: '居家老人',
    service: '上门照护、助餐和家庭适老化改造',
  },
  { word: '日间照料', code: 'elderly.day_care', target: '高龄及失能老人', service: '日间照料、康复护理' },
  { word: '助残', code: 'disability', target: '残疾人及其家庭', service: '康复训练、辅助就业' },
  { word: '青少年', code: 'youth', target: '青少年', service: '课后托管、心理辅导和成长小组' },
  { word: '家政', code: 'housekeeping', target: '社区居民', service: '保洁、育婴和家电维修' },
  { word: '调解', code: 'mediation', target: '居民', service: '邻里纠纷调解、法律咨询' },
  { word: '文化', code: 'culture', target: '社区居民', service: '文艺演出、读书会和非遗传承' },
  { word: '志愿', code: 'volunteering', target: '社区居民', service: '志愿者招募、培训和时间银行' },
  { word: '慈善', code: 'charity_relief', target: '困难家庭', service: '救助帮扶、物资募集' },
  { word: '帮教', code: 'correction', target: '社区矫正对象', service: '帮教矫治、就业安置' },
];
const SUFFIXES = [
  '服务中心',
  '服务社',
  '社工事务所',
  '社会工作服务中心',
  '互助会',
  '协会',
  '公益发展中心',
  '促进会',
];
// prettier-ignore
const SUFFIX_TYPES = [
  'life_service', 'life_service', 'social_work_agency', 'social_work_agency',
  'mutual_aid', 'other', 'charity', 'other',
];
// prettier-ignore
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
];
// prettier-ignore
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '慧',
  '建国', '晓燕', '志强', '海燕', '文博', '雨桐', '子涵', '欣怡', '浩然', '梓萱',
];

const args = parseArgs(process.argv.slice(2));
warnUnknownFlags(args, ['records']);
const RECORDS = args.records === undefined ? DEFAULT_RECORDS : Number(args.records);
if (!Number.isInteger(RECORDS) || RECORDS < 0) throw new Error(`--records ${args.records}: not a count`);

const started = Date.now();
const dbName = databaseName(BENCH_DATABASE_URL);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`unexpected database name ${dbName}`);
const step = (what) => console.log(`[bench:seed ${seconds(Date.now() - started).padStart(7)}] ${what}`);

// 1. A fresh database.
step(`recreating database ${dbName}`);
const admin = new pg.Client({ connectionString: maintenanceUrl(BENCH_DATABASE_URL) });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();

// 2. The app's own migrations, run as `cli.js migrate` does.
const { createDataSource } = await backend('database/data-source.js');
const { CATALOG_V1: CATALOG } = await backend('modules/catalog/catalog-v1.js');
const { hashPassword } = await backend('modules/identity/password.js');
const dataSource = await createDataSource({
  DATABASE_URL: BENCH_DATABASE_URL,
  DATABASE_SCHEMA: 'public',
}).initialize();
const ran = await dataSource.runMigrations({ transaction: 'each' });
await dataSource.destroy();
step(`migrated: ${ran.map((m) => m.name).join(', ')}`);

for (const t of THEMES) {
  if (!CATALOG.some((c) => c.code === t.code))
    throw new Error(`theme ${t.word}: ${t.code} is not in the catalog`);
}
const passwordHash = await hashPassword(BENCH_PASSWORD);

// 3. The data, set-based.
const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
await db.connect();
const sql = async (what, text, params = []) => {
  const t0 = Date.now();
  const res = await db.query(text, params);
  if (what) step(`${what}: ${res.rowCount ?? 0} rows (${Date.now() - t0} ms)`);
  return res;
};

await sql('', 'BEGIN');
for (const f of RANDOM_FUNCTIONS) await sql('', f);

await sql(
  'district',
  `INSERT INTO regions (id, name, level, parent_id, path)
   SELECT pg_temp.uid('district', 1), $1::text || '区', 'district', NULL, '/' || pg_temp.uid('district', 1) || '/'`,
  [DISTRICT],
);
await sql(
  'streets',
  `INSERT INTO regions (id, name, level, parent_id, path)
   SELECT pg_temp.uid('street', s), ($1::text[])[s] || '街道', 'street', pg_temp.uid('district', 1),
          '/' || pg_temp.uid('district', 1) || '/' || pg_temp.uid('street', s) || '/'
   FROM generate_series(1, $2::int) s`,
  [STREET_WORDS, STREETS],
);
await sql(
  'communities',
  `INSERT INTO regions (id, name, level, parent_id, path)
   SELECT pg_temp.uid('community', (s - 1) * $3::int + c), ($1::text[])[s] || ($2::text[])[c] || '社区', 'community',
          st.id, st.path || pg_temp.uid('community', (s - 1) * $3::int + c) || '/'
   FROM generate_series(1, $4::int) s
   JOIN regions st ON st.id = pg_temp.uid('street', s)
   CROSS JOIN generate_series(1, $3::int) c`,
  [STREET_WORDS, COMMUNITY_WORDS, COMMUNITIES_PER_STREET, STREETS],
);

// The organizations' random draws, once, in a scratch table the inserts below read.
await sql(
  'organization draws',
  `CREATE TEMP TABLE t_org ON COMMIT DROP AS
   SELECT n, pg_temp.uid('org', n) AS id,
          pg_temp.pick('street', n, $1) AS street,
          pg_temp.pick('theme', n, $2) AS theme,
          pg_temp.pick('brand', n, $3) AS brand,
          pg_temp.pick('suffix', n, $4) AS suffix,
          pg_temp.pick('ncat', n, 3) AS ncat,
          pg_temp.pick('ncom', n, 5) AS ncom,
          pg_temp.pick('cbase', n, 10) AS cbase,
          pg_temp.r('prefix', n) AS rprefix,
          pg_temp.r('status', n) AS rstatus,
          pg_temp.r('hasgrade', n) AS rhasgrade,
          pg_temp.r('grade', n) AS rgrade,
          pg_temp.r('credit', n) AS rcredit,
          now() - make_interval(days => floor(pg_temp.r('created', n) * 1800)::int,
                                secs => floor(pg_temp.r('createds', n) * 86400)::int) AS created_at
   FROM generate_series(1, $5::int) n`,
  [STREETS, THEMES.length, BRANDS.length, SUFFIXES.length, ORGANIZATIONS],
);
await sql(
  'organizations',
  `INSERT INTO organizations (id, name, credit_code, filed_only, home_street_id, status, type, description,
     legal_representative, contact_phone, grade, grade_expires_on, credit_status, credit_since, credit_reason,
     created_at, updated_at)
   SELECT o.id,
          -- No two organizations of the district share a name (a verified one's is unique): a
          -- repeated name gets a branch number.
          nm.name || CASE WHEN row_number() OVER (PARTITION BY nm.name ORDER BY o.n) > 1
                          THEN '第' || row_number() OVER (PARTITION BY nm.name ORDER BY o.n) || '分部' ELSE '' END,
          CASE WHEN o.n % 10 = 0 THEN NULL ELSE '52330100BENCH' || lpad(o.n::text, 5, '0') END,
          o.n % 10 = 0,
          pg_temp.uid('street', o.street),
          CASE WHEN o.rstatus < 0.70 THEN 'verified' WHEN o.rstatus < 0.85 THEN 'pending'
               WHEN o.rstatus < 0.95 THEN 'suspended' ELSE 'deregistered' END,
          ($6::text[])[o.suffix],
          ($1::text[])[o.street] || '街道' || ($4::text[])[o.theme] || '类社会组织，面向辖区' || ($7::text[])[o.theme]
            || '提供' || ($8::text[])[o.theme] || '等服务。'
            || CASE pg_temp.pick('desc', o.n, 3)
                 WHEN 1 THEN '成立于' || (2008 + pg_temp.pick('year', o.n, 16)) || '年，现有专职社工'
                             || (2 + pg_temp.pick('staff', o.n, 30)) || '名。'
                 WHEN 2 THEN '曾承接街道政府购买服务项目' || pg_temp.pick('projects', o.n, 12) || '个，服务覆盖'
                             || pg_temp.pick('ncoms', o.n, 10) || '个社区。'
                 ELSE '坚持“助人自助”理念，链接社区、社会组织与社会工作者资源。' END,
          ($9::text[])[pg_temp.pick('lrs', o.n, cardinality($9::text[]))]
            || ($10::text[])[pg_temp.pick('lrg', o.n, cardinality($10::text[]))],
          '0571-' || (86000000 + o.n),
          CASE WHEN o.rhasgrade < 0.4 THEN
            CASE WHEN o.rgrade < 0.10 THEN '1A' WHEN o.rgrade < 0.30 THEN '2A' WHEN o.rgrade < 0.65 THEN '3A'
                 WHEN o.rgrade < 0.90 THEN '4A' ELSE '5A' END END,
          CASE WHEN o.rhasgrade < 0.4 THEN current_date - 365 + pg_temp.pick('gexp', o.n, 1460) END,
          CASE WHEN o.rcredit < 0.90 THEN 'normal' WHEN o.rcredit < 0.97 THEN 'abnormal' ELSE 'serious' END,
          CASE WHEN o.rcredit >= 0.90 THEN current_date - pg_temp.pick('csince', o.n, 700) END,
          CASE WHEN o.rcredit >= 0.97 THEN '严重违法失信：弄虚作假骗取政府购买服务资金'
               WHEN o.rcredit >= 0.90 THEN '未按规定报送年度工作报告' END,
          o.created_at, o.created_at
   FROM t_org o
   CROSS JOIN LATERAL (
     SELECT CASE WHEN o.rprefix < 0.6 THEN ($1::text[])[o.street] WHEN o.rprefix < 0.8 THEN $2::text ELSE '' END
              || ($3::text[])[o.brand] || ($4::text[])[o.theme] || ($5::text[])[o.suffix] AS name
   ) nm`,
  // prettier-ignore
  [
    STREET_WORDS, DISTRICT, BRANDS, THEMES.map((t) => t.word), SUFFIXES, SUFFIX_TYPES,
    THEMES.map((t) => t.target), THEMES.map((t) => t.service), SURNAMES, GIVEN,
  ],
);
await sql(
  'organization categories',
  `INSERT INTO organization_categories (organization_id, category_code)
   SELECT o.id, CASE WHEN j = 1 THEN ($1::text[])[o.theme]
                     ELSE ($2::text[])[pg_temp.pick('cat' || j, o.n, cardinality($2::text[]))] END
   FROM t_org o CROSS JOIN generate_series(1, 3) j
   WHERE j <= o.ncat
   ON CONFLICT DO NOTHING`,
  [THEMES.map((t) => t.code), CATALOG.map((c) => c.code)],
);
// 1–5 communities: distinct ones of the home street ((base + 3j) mod 10 differ for j = 1..5); for one in
// five organizations serving several, the last one lies in the next street.
await sql(
  'organization communities',
  `INSERT INTO organization_communities (organization_id, community_id)
   SELECT o.id,
          CASE WHEN j = o.ncom AND j > 1 AND pg_temp.r('xstreet', o.n) < 0.2
               THEN pg_temp.uid('community', (o.street % $1::int) * $2::int + (o.cbase + j * 3) % $2::int + 1)
               ELSE pg_temp.uid('community', (o.street - 1) * $2::int + (o.cbase + j * 3) % $2::int + 1) END
   FROM t_org o CROSS JOIN generate_series(1, 5) j
   WHERE j <= o.ncom
   ON CONFLICT DO NOTHING`,
  [STREETS, COMMUNITIES_PER_STREET],
);

// The social workers: a user, an active membership of one organization, the social_worker role there.
await sql(
  'bench platform admin (inviter of the workers)',
  `INSERT INTO users (id, email, display_name, password_hash) VALUES (pg_temp.uid('admin', 1), 'admin@bench.sanshe.cn', '基准测试管理员', $1)`,
  [passwordHash],
);
await sql(
  '',
  `INSERT INTO role_memberships (user_id, role) VALUES (pg_temp.uid('admin', 1), 'platform_admin')`,
);
await sql(
  'worker draws',
  `CREATE TEMP TABLE t_worker ON COMMIT DROP AS
   SELECT n, pg_temp.uid('user', n) AS id, 'worker' || n || '@bench.sanshe.cn' AS email,
          -- mildly skewed: organizations with a low number employ more people
          1 + floor(power(pg_temp.r('org', n), 1.5) * $1::int)::int AS org,
          pg_temp.r('level', n) AS rlevel,
          now() - make_interval(days => floor(pg_temp.r('wcreated', n) * 1000)::int) AS created_at
   FROM generate_series(1, $2::int) n`,
  [ORGANIZATIONS, WORKERS],
);
await sql(
  'users',
  `INSERT INTO users (id, email, display_name, password_hash, created_at)
   SELECT w.id, w.email,
          ($1::text[])[pg_temp.pick('sn', w.n, cardinality($1::text[]))]
            || ($2::text[])[pg_temp.pick('gn', w.n, cardinality($2::text[]))],
          $3, w.created_at
   FROM t_worker w`,
  [SURNAMES, GIVEN, passwordHash],
);
await sql(
  'organization members',
  `INSERT INTO organization_members (id, organization_id, user_id, invited_email, status, qualification_level,
     certificate_no, qualification_verified_at, invited_by, created_at, joined_at)
   SELECT pg_temp.uid('member', w.n), pg_temp.uid('org', w.org), w.id, w.email, 'active',
          CASE WHEN w.rlevel < 0.3 THEN NULL WHEN w.rlevel < 0.6 THEN 'assistant'
               WHEN w.rlevel < 0.9 THEN 'social_worker' ELSE 'senior' END,
          CASE WHEN w.rlevel >= 0.3 THEN 'SW' || to_char(w.created_at, 'YYYY') || lpad(w.n::text, 6, '0') END,
          CASE WHEN w.rlevel >= 0.3 AND pg_temp.r('qv', w.n) < 0.8 THEN w.created_at + interval '3 days' END,
          pg_temp.uid('admin', 1), w.created_at,
          w.created_at + make_interval(hours => pg_temp.pick('join', w.n, 14 * 24))
   FROM t_worker w`,
);
await sql(
  'role memberships',
  `INSERT INTO role_memberships (id, user_id, role, organization_id, created_at)
   SELECT pg_temp.uid('role', w.n), w.id, 'social_worker', pg_temp.uid('org', w.org), w.created_at
   FROM t_worker w`,
);

// Delivery (for the service-records benchmark): direct-commission contracts (tender_id NULL) with three
// milestones, one project per contract whose team is the organization's active social workers, residents
// in every community, and historical service records.
// Statistics for the joins below (the tables were filled in this transaction).
await sql(
  '',
  'ANALYZE t_org, organizations, organization_members, organization_communities, role_memberships',
);
await sql(
  'contract draws',
  `CREATE TEMP TABLE t_contract ON COMMIT DROP AS
   WITH staff AS (
     -- the organization's longest-serving active worker leads the project
     SELECT organization_id, count(*) AS n, (array_agg(user_id ORDER BY joined_at, user_id))[1] AS lead_user_id
     FROM organization_members WHERE status = 'active' GROUP BY organization_id
   ), served AS (
     SELECT organization_id, array_agg(community_id ORDER BY community_id) AS communities
     FROM organization_communities GROUP BY organization_id
   )
   SELECT o.n, o.id AS organization_id, o.street, o.theme,
          pg_temp.uid('contract', o.n) AS id, pg_temp.uid('project', o.n) AS project_id,
          st.lead_user_id, sv.communities,
          (2 + pg_temp.pick('camount', o.n, 48))::bigint * 1000000 AS amount_fen,
          current_date - 30 - pg_temp.pick('cstart', o.n, 300) AS starts_on,
          100 * (2 + pg_temp.pick('chours', o.n, 18)) AS service_hours,
          50 * (1 + pg_temp.pick('cbenef', o.n, 10)) AS beneficiaries
   FROM t_org o
   JOIN organizations g ON g.id = o.id
   JOIN staff st ON st.organization_id = o.id
   JOIN served sv ON sv.organization_id = o.id
   WHERE g.status = 'verified' AND g.credit_status = 'normal' AND pg_temp.r('contract', o.n) < $1 AND st.n >= 3`,
  [CONTRACT_SHARE],
);
await sql(
  'contracts (direct commission)',
  `INSERT INTO contracts (id, tender_id, bid_id, organization_id, street_id, title, amount_fen, currency, starts_on,
     ends_on, kpis, created_by, created_at)
   SELECT c.id, NULL, NULL, c.organization_id, pg_temp.uid('street', c.street),
          ($1::text[])[c.street] || '街道' || ($2::text[])[c.theme] || '服务项目', c.amount_fen, 'CNY', c.starts_on,
          c.starts_on + 365,
          jsonb_build_object('serviceHours', c.service_hours, 'beneficiaries', c.beneficiaries, 'minSatisfaction', 4),
          pg_temp.uid('admin', 1), c.starts_on - 7
   FROM t_contract c`,
  [STREET_WORDS, THEMES.map((t) => t.word)],
);
// 30 % / 40 % / 30 % of the amount (exact: amounts are whole multiples of 10,000 yuan), due after 1, 6 and 12
// months; the acceptance rule is the contract's KPIs in proportion to the cumulative share, as
// ProjectsService.create sets it.
await sql(
  'milestones',
  `INSERT INTO milestones (id, contract_id, seq, name, share_bp, amount_fen, due_on, min_approved_hours,
     min_confirmed_beneficiaries)
   SELECT pg_temp.uid('milestone-' || m.seq, c.n), c.id, m.seq, m.name, m.share_bp, c.amount_fen * m.share_bp / 10000,
          c.starts_on + m.days, round(c.service_hours::numeric * m.cum / 10000, 2), ceil(c.beneficiaries::numeric * m.cum / 10000)
   FROM t_contract c
   CROSS JOIN (VALUES (1, '首期（项目启动）', 3000, 30, 3000), (2, '中期评估', 4000, 180, 7000),
                      (3, '结项验收', 3000, 365, 10000)) AS m(seq, name, share_bp, days, cum)`,
);
await sql(
  'projects',
  `INSERT INTO projects (id, contract_id, organization_id, title, lead_user_id, status, created_at)
   SELECT c.project_id, c.id, c.organization_id, k.title, c.lead_user_id, 'active', c.starts_on
   FROM t_contract c JOIN contracts k ON k.id = c.id`,
);
await sql(
  "project members (the organizations' active social workers)",
  `INSERT INTO project_members (project_id, user_id)
   SELECT c.project_id, m.user_id
   FROM t_contract c
   JOIN organization_members m ON m.organization_id = c.organization_id AND m.status = 'active'
   JOIN role_memberships r ON r.user_id = m.user_id AND r.role = 'social_worker' AND r.organization_id = c.organization_id`,
);
await sql(
  'residents (users)',
  `INSERT INTO users (id, email, display_name, password_hash, created_at)
   SELECT pg_temp.uid('resident', n), 'resident' || n || '@bench.sanshe.cn',
          ($1::text[])[pg_temp.pick('rsn', n, cardinality($1::text[]))]
            || ($2::text[])[pg_temp.pick('rgn', n, cardinality($2::text[]))],
          $3, now() - make_interval(days => pg_temp.pick('rcreated', n, 1000))
   FROM generate_series(1, $4::int) n`,
  [SURNAMES, GIVEN, passwordHash, STREETS * COMMUNITIES_PER_STREET * RESIDENTS_PER_COMMUNITY],
);
await sql(
  'residents (role resident in their community)',
  `INSERT INTO role_memberships (id, user_id, role, region_id, created_at)
   SELECT pg_temp.uid('resident-role', n), pg_temp.uid('resident', n), 'resident',
          pg_temp.uid('community', (n - 1) / $1::int + 1), now() - make_interval(days => pg_temp.pick('rcreated', n, 1000))
   FROM generate_series(1, $2::int) n`,
  [RESIDENTS_PER_COMMUNITY, STREETS * COMMUNITIES_PER_STREET * RESIDENTS_PER_COMMUNITY],
);
await sql('', 'COMMIT');
// The history: service records with their beneficiaries and ratings, loaded from several connections.
if (RECORDS > 0) {
  await seedRecords({
    url: BENCH_DATABASE_URL,
    records: RECORDS,
    residentsPerCommunity: RESIDENTS_PER_COMMUNITY,
    step,
    loaders: Math.max(1, Math.min(4, availableParallelism())),
  });
}
await sql('', 'VACUUM ANALYZE');
step('vacuumed and analyzed');

const { rows } = await db.query(`SELECT
  (SELECT count(*) FROM regions WHERE level = 'district') AS districts,
  (SELECT count(*) FROM regions WHERE level = 'street') AS streets,
  (SELECT count(*) FROM regions WHERE level = 'community') AS communities,
  (SELECT count(*) FROM service_categories) AS catalog,
  (SELECT count(*) FROM organizations) AS organizations,
  (SELECT count(*) FROM organizations WHERE status = 'verified') AS verified,
  (SELECT count(*) FROM organizations WHERE filed_only) AS filed_only,
  (SELECT count(*) FROM organizations WHERE grade IS NOT NULL) AS graded,
  (SELECT count(*) FROM organizations WHERE grade IS NOT NULL AND grade_expires_on >= current_date) AS graded_unexpired,
  (SELECT count(*) FROM organization_categories) AS org_categories,
  (SELECT count(*) FROM organization_communities) AS org_communities,
  (SELECT count(*) FROM users) AS users,
  (SELECT count(*) FROM organization_members) AS members,
  (SELECT count(*) FROM role_memberships) AS roles,
  (SELECT count(*) FROM role_memberships WHERE role = 'resident') AS residents,
  (SELECT count(*) FROM contracts) AS contracts,
  (SELECT count(*) FROM milestones) AS milestones,
  (SELECT count(*) FROM projects) AS projects,
  (SELECT count(*) FROM project_members) AS project_members,
  (SELECT count(*) FROM service_records) AS records,
  (SELECT string_agg(status || ' ' || c, ', ' ORDER BY status) FROM (SELECT status, count(*) c FROM service_records GROUP BY status) t) AS record_statuses,
  (SELECT count(*) FROM record_beneficiaries) AS beneficiaries,
  (SELECT count(*) FROM record_beneficiaries WHERE response = 'confirmed') AS confirmed,
  (SELECT count(*) FROM ratings) AS ratings,
  (SELECT min(started_at)::date || ' – ' || max(started_at)::date FROM service_records) AS record_span,
  (SELECT string_agg(type || ' ' || c, ', ' ORDER BY type) FROM (SELECT type, count(*) c FROM organizations GROUP BY type) t) AS types,
  pg_size_pretty(pg_database_size(current_database())) AS size`);
await db.end();
const c = rows[0];
const pct = (n) => `${((100 * Number(n)) / Number(c.organizations)).toFixed(1)}%`;
console.log(`
sanshe_bench ready (${databaseName(BENCH_DATABASE_URL)}, ${c.size}) in ${seconds(Date.now() - started)}
  regions                   ${c.districts} district, ${c.streets} streets, ${c.communities} communities
  service catalog           ${c.catalog} codes
  organizations             ${c.organizations}: ${c.verified} verified (${pct(c.verified)}), ${c.filed_only} filed-only (${pct(c.filed_only)}), ${c.graded} graded (${pct(c.graded)}; ${c.graded_unexpired} unexpired)
    by type                 ${c.types}
  organization_categories   ${c.org_categories}
  organization_communities  ${c.org_communities}
  users                     ${c.users} (${WORKERS} social workers + ${c.residents} residents + admin@bench.sanshe.cn; password ${BENCH_PASSWORD})
  organization_members      ${c.members} (active)
  role_memberships          ${c.roles} (${WORKERS} social_worker + ${c.residents} resident + 1 platform_admin)
  contracts                 ${c.contracts} (direct commission, no tender), ${c.milestones} milestones
  projects                  ${c.projects}, ${c.project_members} project_members
  service_records           ${c.records}${c.records > 0 ? ` (${c.record_statuses}; started ${c.record_span})` : ''}
  record_beneficiaries      ${c.beneficiaries} (${c.confirmed} confirmed)
  ratings                   ${c.ratings}
`);
process.exit(0);
