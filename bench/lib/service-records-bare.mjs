// POST /api/projects/:projectId/records without the framework: the statements the API sends to PostgreSQL
// for one record, run on a bare `pg` client. Texts copied from backend/src (common/auth/principal.service.ts,
// modules/projects/projects.service.ts, modules/service-records/service-records.service.ts); the audit append
// is the app's own AuditService.record (from backend/dist) over a minimal manager, so its lock, hash read,
// hash computation and insert are the app's code. The service-records benchmark checks on the wire, every
// run, that these are the very statements the API sends, in the same order.
import { backend } from './common.mjs';

const { AuditService } = await backend('common/audit/audit.service.js');

// PrincipalService.fromAccessToken (outside any transaction, each on its own pool checkout).
const SESSION_SQL = `SELECT u.email, s.revoked_at IS NOT NULL AS revoked
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2`;
const MEMBERSHIPS_SQL = `SELECT m.id, m.role, m.region_id AS "regionId", r.path AS "regionPath", m.organization_id AS "organizationId",
              COALESCE(r.name, o.name) AS "scopeName"
         FROM role_memberships m
         LEFT JOIN regions r ON r.id = m.region_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE m.user_id = $1
        ORDER BY m.created_at, m.id`;

// ProjectsService.load.
const PROJECT_SQL = `SELECT p.id, p.organization_id AS "organizationId", p.lead_user_id AS "leadUserId", c.street_id AS "streetId",
              EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = $2) AS "isMember"
         FROM projects p JOIN contracts c ON c.id = p.contract_id WHERE p.id = $1`;

// ServiceRecordsService.insert.
const CHECK_SQL = `SELECT EXISTS (SELECT 1 FROM projects p JOIN contracts c ON c.id = p.contract_id
                        LEFT JOIN tender_communities tc ON tc.tender_id = c.tender_id
                       WHERE p.id = $1 AND (c.tender_id IS NULL OR tc.community_id = $2)) AS community_ok,
              (SELECT count(DISTINCT user_id)::int FROM role_memberships WHERE role = 'resident' AND region_id = $2 AND user_id = ANY($3::uuid[])) AS residents`;
const INSERT_SQL = `INSERT INTO service_records (project_id, worker_user_id, activity_type, community_id, started_at, ended_at, anonymous_count, location, notes, corrects_record_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`;
const BENEFICIARIES_SQL = `INSERT INTO record_beneficiaries (record_id, resident_user_id) SELECT $1, unnest($2::uuid[])`;

// ServiceRecordsService.one (RECORD_SELECT … WHERE r.id = $1): the record the API answers with.
const RECORD_SELECT = `SELECT r.id, r.project_id AS "projectId", p.title AS "projectTitle", r.worker_user_id AS "workerUserId", w.display_name AS "workerName",
    r.activity_type AS "activityType", r.community_id AS "communityId", r.started_at AS "startedAt", r.ended_at AS "endedAt",
    round((extract(epoch FROM r.ended_at - r.started_at) / 3600)::numeric, 2)::float8 AS hours, r.anonymous_count AS "anonymousCount",
    r.location, r.notes, r.status, r.decision_reason AS "decisionReason", r.corrects_record_id AS "correctsRecordId", r.created_at AS "createdAt",
    coalesce((SELECT json_agg(json_build_object('userId', b.resident_user_id, 'displayName', u.display_name, 'response', b.response,
              'disputeReason', b.dispute_reason) ORDER BY u.display_name)
       FROM record_beneficiaries b JOIN users u ON u.id = b.resident_user_id WHERE b.record_id = r.id), '[]') AS beneficiaries
  FROM service_records r JOIN projects p ON p.id = r.project_id JOIN users w ON w.id = r.worker_user_id`;
const ONE_SQL = `${RECORD_SELECT} WHERE r.id = $1`;

/**
 * What the bare side runs per record:
 * - `full`: everything the API sends for one POST: the two auth look-ups, then the service's transaction
 *   (project, check, SAVEPOINT, INSERT … RETURNING, RELEASE, beneficiaries, audit lock + last hash + insert,
 *   the record read back, COMMIT);
 * - `core`: only the writing part the issue names: check, SAVEPOINT, INSERT, RELEASE, beneficiaries and
 *   the audit append, in one transaction;
 * - `audit-last`: `full` with the record read back before the audit append instead of after it, so the
 *   audit lock is held for the last hash, the audit insert and COMMIT only (a proposal, measured here; the
 *   API does not do this).
 */
export const BARE_MODES = ['full', 'core', 'audit-last'];

class BareError extends Error {}

const audit = new AuditService(null);

const AUDIT_STEPS = [
  [/pg_advisory_xact_lock/, 'audit: advisory lock'],
  [/FROM audit_log/, 'audit: last hash'],
  [/INSERT INTO audit_log/, 'audit: insert'],
];

/** The EntityManager surface AuditService.record uses, over a pg client inside a transaction. */
const managerOf = (client, lap) => ({
  queryRunner: { isTransactionActive: true },
  query: async (text, params) => {
    const { rows } = await client.query(text, params);
    lap(AUDIT_STEPS.find(([re]) => re.test(text))?.[1] ?? 'audit: other');
    return rows;
  },
});

/**
 * Logs one record as the API would (see BARE_MODES); `job` = { workerUserId, sessionId, projectId, dto }
 * with `dto` as the validation pipe hands it to the service (dates as Date). Returns the record id.
 * `timings`, if given, collects the milliseconds spent in each step.
 */
export async function bareLog(pool, job, mode = 'full', timings = null) {
  const { workerUserId: userId, sessionId, projectId, dto } = job;
  let t = performance.now();
  const lap = (step) => {
    if (!timings) return;
    const now = performance.now();
    timings[step] = (timings[step] ?? 0) + (now - t);
    t = now;
  };
  const full = mode !== 'core';
  if (full) {
    const [session] = (await pool.query(SESSION_SQL, [sessionId, userId])).rows;
    if (!session || session.revoked) throw new BareError('the session has ended');
    lap('auth: session');
    const memberships = (await pool.query(MEMBERSHIPS_SQL, [userId])).rows;
    if (!memberships.some((m) => m.role === 'social_worker')) throw new BareError('not a social worker');
    lap('auth: memberships');
  }
  const client = await pool.connect();
  lap('pool checkout');
  try {
    await client.query('START TRANSACTION');
    lap('START TRANSACTION');
    if (full) {
      const [project] = (await client.query(PROJECT_SQL, [projectId, userId])).rows;
      if (!project?.isMember) throw new BareError('not a member of the project');
      lap('project + membership');
    }
    const [check] = (await client.query(CHECK_SQL, [projectId, dto.communityId, dto.beneficiaryUserIds]))
      .rows;
    if (!check.community_ok) throw new BareError('the community is not one the project serves');
    if (check.residents !== dto.beneficiaryUserIds.length)
      throw new BareError('beneficiaries must be residents of the community');
    lap('check (community, residents)');
    await client.query('SAVEPOINT log_record');
    const [{ id }] = (
      await client.query(INSERT_SQL, [
        projectId,
        userId,
        dto.activityType,
        dto.communityId,
        dto.startedAt,
        dto.endedAt,
        dto.anonymousCount,
        dto.location ?? '',
        dto.notes ?? '',
        null,
      ])
    ).rows;
    await client.query('RELEASE SAVEPOINT log_record');
    lap('SAVEPOINT + INSERT + RELEASE');
    await client.query(BENEFICIARIES_SQL, [id, dto.beneficiaryUserIds]);
    lap('insert beneficiaries');
    if (mode === 'audit-last') {
      await client.query(ONE_SQL, [id]);
      lap('read back the record');
    }
    await audit.record(managerOf(client, lap), {
      actorId: userId,
      action: 'service_record.logged',
      entityType: 'service_record',
      entityId: id,
      after: { projectId, ...dto },
    });
    if (mode === 'full') {
      await client.query(ONE_SQL, [id]);
      lap('read back the record');
    }
    await client.query('COMMIT');
    lap('COMMIT');
    return id;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
