import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DEMO } from '../../src/database/seed/demo.js';
import { ProjectsService } from '../../src/modules/projects/projects.service.js';
import type { LogServiceDto } from '../../src/modules/service-records/dto/service-record.dto.js';
import { userWithRoles } from './fixtures.js';
import { principal } from './services.js';

export interface DeliveryCast {
  projectId: string;
  /** worker@demo.sanshe.cn, the project lead. */
  lead: AuthUser;
  /** A second social worker of the demo organization, on the team. */
  colleague: AuthUser;
  orgAdmin: AuthUser;
  /** resident@demo.sanshe.cn, of the first demo community. */
  resident: AuthUser;
  /** A resident of the same community, listed on no record. */
  neighbour: AuthUser;
  /** Community staff of the first demo community. */
  staff: AuthUser;
}

/**
 * On a seeded demo database: a direct-commission contract of the demo organization with two
 * milestones, and its project led by the demo worker with one colleague on the team.
 */
export async function deliveryProject(db: DataSource, app: INestApplicationContext): Promise<DeliveryCast> {
  await teamColleague(db);
  await userWithRoles(db, 'neighbour@example.cn', [['resident', { regionId: DEMO.communities[0] }]]);
  const lead = await principal(db, 'worker@demo.sanshe.cn');
  const contractId = await directContract(db, lead.id);
  const orgAdmin = await principal(db, 'orgadmin@demo.sanshe.cn');
  const colleague = await principal(db, 'colleague@example.cn');
  const project = await app
    .get(ProjectsService)
    .create(orgAdmin, contractId, { leadUserId: lead.id, memberUserIds: [colleague.id] });
  return {
    projectId: project.id,
    lead,
    colleague,
    orgAdmin,
    resident: await principal(db, 'resident@demo.sanshe.cn'),
    neighbour: await principal(db, 'neighbour@example.cn'),
    staff: await principal(db, 'staff@demo.sanshe.cn'),
  };
}

/** colleague@example.cn: a social worker and active member of the demo organization. Returns the user id. */
export async function teamColleague(db: DataSource): Promise<string> {
  const id = await userWithRoles(db, 'colleague@example.cn', [
    ['social_worker', { organizationId: DEMO.organization }],
  ]);
  await db.query(
    `INSERT INTO organization_members (organization_id, user_id, invited_email, status, invited_by, joined_at) VALUES ($1, $2, 'colleague@example.cn', 'active', $2, now())`,
    [DEMO.organization, id],
  );
  return id;
}

/**
 * A direct-commission contract of the demo organization in the first demo street: 10 service
 * hours and 2 beneficiaries, in two halves (milestones due in 30 and 300 days). Returns its id.
 */
export async function directContract(db: DataSource, createdBy: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO contracts (organization_id, street_id, title, amount_fen, starts_on, ends_on, kpis, created_by)
     VALUES ($1, $2, '春晖社区助老服务', 2000000, current_date - 60, current_date + 300, '{"serviceHours": 10, "beneficiaries": 2, "minSatisfaction": 4}', $3) RETURNING id`,
    [DEMO.organization, DEMO.streets[0], createdBy],
  );
  await db.query(
    `INSERT INTO milestones (contract_id, seq, name, share_bp, amount_fen, due_on) VALUES ($1, 1, '中期', 5000, 1000000, current_date + 30), ($1, 2, '终期', 5000, 1000000, current_date + 300)`,
    [id],
  );
  return id;
}

let slot = 0;

/** A two-hour home visit in the first demo community, each call an earlier window (no overlaps). */
export function visit(beneficiaryUserIds: string[], overrides: Partial<LogServiceDto> = {}): LogServiceDto {
  slot += 1;
  const end = Date.now() - slot * 3 * 3600 * 1000;
  return {
    activityType: 'home_visit',
    communityId: DEMO.communities[0],
    startedAt: new Date(end - 2 * 3600 * 1000),
    endedAt: new Date(end),
    beneficiaryUserIds,
    anonymousCount: 0,
    location: '春晖社区3栋',
    notes: '上门探访',
    ...overrides,
  } as LogServiceDto;
}
