import { DataSource } from 'typeorm';
import { hashPassword } from '../../modules/identity/password.js';
import type { Role } from '../../modules/identity/roles.js';

export const DEMO_PASSWORD = 'Demo1234!';

/** Fixed ids make the seed idempotent: running it twice changes nothing. */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const DEMO = {
  district: id(1),
  streets: [id(11), id(12)],
  communities: [id(101), id(102), id(103), id(104), id(105), id(106)],
  organization: id(501),
} as const;

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

/** PRODUCT §3: the purchase-of-service catalog. */
export const CATALOG: { code: string; parent?: string; zh: string; en: string }[] = [
  { code: 'elderly', zh: '为老服务', en: 'Elderly services' },
  { code: 'elderly.home_care', parent: 'elderly', zh: '居家养老', en: 'Elderly home care' },
  { code: 'elderly.day_care', parent: 'elderly', zh: '日间照料', en: 'Elderly day care' },
  { code: 'housekeeping', zh: '家政服务', en: 'Housekeeping' },
  { code: 'charity_relief', zh: '慈善救助', en: 'Charity relief' },
  { code: 'correction', zh: '帮教矫治', en: 'Rehabilitation and correction' },
  { code: 'mediation', zh: '矛盾调解', en: 'Mediation' },
  { code: 'youth', zh: '青少年服务', en: 'Youth' },
  { code: 'disability', zh: '助残服务', en: 'Disability' },
  { code: 'culture', zh: '社区文化', en: 'Community culture' },
  { code: 'volunteering', zh: '志愿服务', en: 'Volunteering' },
];

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  regionId?: string;
  organizationId?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.sanshe.cn', name: '平台管理员', role: 'platform_admin' },
  {
    email: 'officer@demo.sanshe.cn',
    name: '王科长 (街道)',
    role: 'street_officer',
    regionId: DEMO.streets[0],
  },
  {
    email: 'finance@demo.sanshe.cn',
    name: '李会计 (街道财务)',
    role: 'street_finance',
    regionId: DEMO.streets[0],
  },
  {
    email: 'director@demo.sanshe.cn',
    name: '赵主任 (街道)',
    role: 'street_director',
    regionId: DEMO.streets[0],
  },
  { email: 'evaluator@demo.sanshe.cn', name: '陈专家 (评审)', role: 'evaluator', regionId: DEMO.streets[0] },
  {
    email: 'staff@demo.sanshe.cn',
    name: '刘书记 (社区)',
    role: 'community_staff',
    regionId: DEMO.communities[0],
  },
  {
    email: 'resident@demo.sanshe.cn',
    name: '张阿姨 (居民)',
    role: 'resident',
    regionId: DEMO.communities[0],
  },
  {
    email: 'orgadmin@demo.sanshe.cn',
    name: '周主任 (社会组织)',
    role: 'org_admin',
    organizationId: DEMO.organization,
  },
  {
    email: 'worker@demo.sanshe.cn',
    name: '吴社工',
    role: 'social_worker',
    organizationId: DEMO.organization,
  },
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
    for (const [i, c] of CATALOG.entries()) {
      await m.query(
        `INSERT INTO service_categories (code, parent_code, name_zh, name_en, sort_order) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING`,
        [c.code, c.parent ?? null, c.zh, c.en, i],
      );
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
        `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING`,
        [uid, a.email, a.name, passwordHash],
      );
      await m.query(
        `INSERT INTO role_memberships (user_id, role, region_id, organization_id)
         SELECT id, $2, $3, $4 FROM users WHERE email = $1 ON CONFLICT DO NOTHING`,
        [a.email, a.role, a.regionId ?? null, a.organizationId ?? null],
      );
    }
    // The demo social worker is an active, qualified member of the demo organization.
    await m.query(
      `INSERT INTO organization_members (organization_id, user_id, invited_email, status, qualification_level, certificate_no,
                                         qualification_verified_at, invited_by, joined_at)
       SELECT $1, w.id, w.email, 'active', 'social_worker', 'S2024330100001', now(), a.id, now()
         FROM users w, users a WHERE w.email = 'worker@demo.sanshe.cn' AND a.email = 'orgadmin@demo.sanshe.cn'
       ON CONFLICT DO NOTHING`,
      [DEMO.organization],
    );
    return `demo data ready: 1 district, ${STREETS.length} streets, ${COMMUNITIES.length} communities, ${CATALOG.length} catalog entries, ${DEMO_ACCOUNTS.length} accounts (password ${DEMO_PASSWORD})`;
  });
}
