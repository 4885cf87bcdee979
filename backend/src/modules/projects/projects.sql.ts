import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import { cursorTime, newestFirst, oldestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type {
  MilestoneProgressDto,
  ProjectDto,
  ProjectResidentDto,
  ProjectSummaryDto,
} from './dto/project.dto.js';

/**
 * The communities a project serves, as a subquery on the project id (a column or a parameter):
 * those of its tender, or every community of the street for a direct commission.
 */
const servedCommunities = (projectId: string) =>
  `SELECT tc.community_id FROM projects sp JOIN contracts sc ON sc.id = sp.contract_id
     JOIN tender_communities tc ON tc.tender_id = sc.tender_id WHERE sp.id = ${projectId}
   UNION SELECT r.id FROM projects sp JOIN contracts sc ON sc.id = sp.contract_id
     JOIN regions r ON r.parent_id = sc.street_id AND r.level = 'community' WHERE sp.id = ${projectId} AND sc.tender_id IS NULL`;

/** Who is on a project and where it sits, for the access checks of projects and service records. */
export interface ProjectAccess {
  id: string;
  organizationId: string;
  leadUserId: string;
  streetId: string;
  isMember: boolean;
}

export const projectAccess = (db: Queryable, id: string, userId: string) =>
  selectOne<ProjectAccess>(
    db,
    `SELECT p.id, p.organization_id AS "organizationId", p.lead_user_id AS "leadUserId", c.street_id AS "streetId",
            EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = $2) AS "isMember"
       FROM projects p JOIN contracts c ON c.id = p.contract_id WHERE p.id = $1`,
    [id, userId],
  );

export interface LockedContract {
  id: string;
  organization_id: string;
  title: string;
  kpis: { serviceHours: number; beneficiaries: number };
}

export const lockContract = (db: Queryable, id: string) =>
  selectOne<LockedContract>(
    db,
    `SELECT id, organization_id, title, kpis FROM contracts WHERE id = $1 FOR UPDATE`,
    [id],
  );

/** How many of the given users are active members of the organization. */
export async function countActiveMembers(
  db: Queryable,
  organizationId: string,
  userIds: string[],
): Promise<number> {
  const [{ n }] = await selectRows<{ n: number }>(
    db,
    `SELECT count(DISTINCT user_id)::int AS n FROM organization_members WHERE organization_id = $1 AND status = 'active' AND user_id = ANY($2::uuid[])`,
    [organizationId, userIds],
  );
  return n;
}

/** The new project's id, or undefined when the contract has its project already. */
export async function insertProject(
  db: Queryable,
  contract: LockedContract,
  leadUserId: string,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO projects (contract_id, organization_id, title, lead_user_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
    [contract.id, contract.organization_id, contract.title, leadUserId],
  );
  return row?.id;
}

export const insertMembers = (db: Queryable, projectId: string, userIds: string[]) =>
  selectRows(db, `INSERT INTO project_members (project_id, user_id) SELECT $1, unnest($2::uuid[])`, [
    projectId,
    userIds,
  ]);

/** Each milestone's acceptance rule: the contract's KPIs in proportion to its cumulative share. */
export const setAcceptanceRules = (db: Queryable, contract: LockedContract) =>
  changedRows(
    db,
    `UPDATE milestones m SET min_approved_hours = round($2::numeric * c.cum / 10000, 2), min_confirmed_beneficiaries = ceil($3::numeric * c.cum / 10000)
       FROM (SELECT id, sum(share_bp) OVER (ORDER BY seq) AS cum FROM milestones WHERE contract_id = $1) c WHERE m.id = c.id`,
    [contract.id, contract.kpis.serviceHours, contract.kpis.beneficiaries],
  );

export const projectById = (db: Queryable, id: string) =>
  selectOne<Omit<ProjectDto, 'milestones'>>(
    db,
    `SELECT p.id, p.contract_id AS "contractId", p.organization_id AS "organizationId", p.title, p.lead_user_id AS "leadUserId", p.status,
            ARRAY(SELECT user_id FROM project_members WHERE project_id = p.id ORDER BY 1) AS "memberUserIds",
            ARRAY(SELECT id FROM (${servedCommunities('p.id')}) served(id) ORDER BY 1) AS "communityIds"
       FROM projects p WHERE p.id = $1`,
    [id],
  );

/** Projects the user works on or that belong to one of the given organizations. */
const SUMMARY_COLUMNS = `p.id, p.title, p.organization_id AS "organizationId", o.name AS "organizationName", p.lead_user_id = $1 AS "isLead", p.status`;
/** The projects user $1 works on, or whose organization is one of $2. */
const OF_USER = `FROM projects p JOIN organizations o ON o.id = p.organization_id
      WHERE (EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = $1) OR p.organization_id = ANY($2::uuid[]))`;

export const projectsOf = (db: Queryable, userId: string, organizationIds: string[]) =>
  selectRows<ProjectSummaryDto>(db, `SELECT ${SUMMARY_COLUMNS} ${OF_USER} ORDER BY p.created_at DESC`, [
    userId,
    organizationIds,
  ]);

/** A page of the projects of `projectsOf`, by start (newest or oldest first), `q` and `status` narrowing them. */
export const projectsPage = (
  db: Queryable,
  userId: string,
  organizationIds: string[],
  filter: { q: string | null; status: string | null; oldestFirst: boolean },
  page: TimeKeyset,
) =>
  selectRows<ProjectSummaryDto & { k: string }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, ${cursorTime('p.created_at')} AS k ${OF_USER}
        AND ($6::text IS NULL OR p.title ILIKE $6 OR o.name ILIKE $6) AND ($7::text IS NULL OR p.status = $7)
        AND ${(filter.oldestFirst ? oldestFirst : newestFirst)('p.created_at', 'p.id', 3)}`,
    [
      userId,
      organizationIds,
      ...(page.after ?? [null, null]),
      page.limit,
      filter.q ? `%${likeEscape(filter.q)}%` : null,
      filter.status,
    ],
  );

/** Where a page of a project's residents starts: after this (name, user id); null for the first page. */
export interface ResidentsFilter {
  communityId: string | null;
  q: string | null;
  after: [string, string] | null;
  limit: number;
}

/**
 * A page of the verified residents of the communities a project serves (those of its tender, or
 * every community of the street for a direct commission), by name.
 */
export const projectResidents = (db: Queryable, projectId: string, f: ResidentsFilter) =>
  selectRows<ProjectResidentDto>(
    db,
    `SELECT u.id AS "userId", u.display_name AS "displayName", rm.region_id AS "communityId"
       FROM role_memberships rm JOIN users u ON u.id = rm.user_id
      WHERE rm.role = 'resident' AND rm.region_id IN (${servedCommunities('$1')})
        AND ($2::uuid IS NULL OR rm.region_id = $2)
        AND ($3::text IS NULL OR u.display_name ILIKE '%' || $3 || '%')
        AND ($4::text IS NULL OR (u.display_name, u.id) > ($4, $5::uuid))
      ORDER BY u.display_name, u.id LIMIT $6`,
    [
      projectId,
      f.communityId,
      f.q === null ? null : likeEscape(f.q),
      f.after?.[0] ?? null,
      f.after?.[1] ?? null,
      f.limit,
    ],
  );

/**
 * Progress of every milestone of a project in one statement: cumulative approved hours,
 * confirmed beneficiaries and satisfaction up to each due date, against its acceptance rule, and
 * the community staff's rating given at its acceptance. Hours and satisfaction are fractions
 * (float8); the amount is bigint fen, read as a number by the driver.
 */
export const milestoneProgress = (db: Queryable, projectId: string) =>
  selectRows<MilestoneProgressDto>(
    db,
    `WITH records AS (
       SELECT r.id, r.started_at, extract(epoch FROM r.ended_at - r.started_at) / 3600 AS hours
         FROM service_records r WHERE r.project_id = $1 AND r.status = 'approved'
     )
     SELECT m.id AS "milestoneId", m.seq, m.name, to_char(m.due_on, 'YYYY-MM-DD') AS "dueOn", m.amount_fen AS "amountFen", m.status,
            round(coalesce(h.hours, 0)::numeric, 2)::float8 AS "approvedHours", m.min_approved_hours::float8 AS "minApprovedHours",
            coalesce(b.confirmed, 0)::int AS "confirmedBeneficiaries", m.min_confirmed_beneficiaries AS "minConfirmedBeneficiaries",
            m.min_deliverables AS "minDeliverables",
            round(s.satisfaction, 2)::float8 AS satisfaction,
            (coalesce(h.hours, 0) >= m.min_approved_hours AND coalesce(b.confirmed, 0) >= m.min_confirmed_beneficiaries) AS "ruleMet",
            CASE WHEN ar.milestone_id IS NOT NULL THEN json_build_object(
              'quality', ar.quality, 'timeliness', ar.timeliness, 'cooperation', ar.cooperation, 'comment', ar.comment,
              'ratedByName', u.display_name, 'createdAt', ar.created_at) END AS "acceptanceRating"
       FROM milestones m
       JOIN projects p ON p.contract_id = m.contract_id AND p.id = $1
       LEFT JOIN acceptance_ratings ar ON ar.milestone_id = m.id
       LEFT JOIN users u ON u.id = ar.rated_by
       LEFT JOIN LATERAL (SELECT sum(hours) AS hours FROM records WHERE started_at < m.due_on + 1) h ON true
       LEFT JOIN LATERAL (
         SELECT count(DISTINCT rb.resident_user_id) AS confirmed FROM record_beneficiaries rb JOIN records r ON r.id = rb.record_id
          WHERE rb.response = 'confirmed' AND r.started_at < m.due_on + 1) b ON true
       LEFT JOIN LATERAL (
         SELECT avg((ra.attitude + ra.professionalism + ra.effect) / 3.0) AS satisfaction FROM ratings ra JOIN records r ON r.id = ra.record_id
          WHERE r.started_at < m.due_on + 1) s ON true
      ORDER BY m.seq`,
    [projectId],
  );
