import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';

/**
 * The performance score (PRODUCT §7), formula version 1, as one set-based statement over the
 * rolling 12 months ending at $1 for the verified organizations in $2 (all when null).
 * An indicator without data is neutral (70) rather than zero, so a newcomer is neither rewarded nor punished.
 * Kept so that v1 snapshots stay explainable (and comparable with v2 on the score page); no longer run in production.
 *
 *   delivery     = 100 × (0.7 × min(1, approved hours ÷ contracted hours) + 0.3 × milestones requested on time ÷ due)
 *   satisfaction = 100 × (bayes − 1) ÷ 4, bayes = (prior weight × prior mean + Σ rating means) ÷ (prior weight + ratings)
 *   compliance   = 100 × records not rejected ÷ records decided or pending
 *   capacity     = 100 × members with a verified qualification ÷ active members
 *   reach        = min(100, 5 × distinct confirmed beneficiaries + 10 × communities served); neutral without records
 *   score        = Σ weight × indicator ÷ 100 (street weights, default 30/25/15/15/15); tier A ≥ 85, B ≥ 70, C ≥ 60, else D
 */
export const FORMULA_V1 = 'v1';

/**
 * Formula version 2: every input PRODUCT §7 names. Same period, organizations, weights, tiers and neutral value
 * as v1; delivery is v1's. Each indicator that v2 widens is made of parts; a part without data (its denominator
 * is 0) leaves the indicator to the other part, and an indicator with no part is neutral (70), so an
 * organization without the new data scores exactly as under v1.
 *
 *   delivery     = v1's
 *   satisfaction = resident part when there are no acceptance ratings in the period, else
 *                  ((100 − acceptance weight) × resident part + acceptance weight × acceptance part) ÷ 100
 *                    resident part   = v1's satisfaction (Bayesian average of the residents' ratings)
 *                    acceptance part = 100 × (mean of the acceptance ratings' (quality + timeliness + cooperation) ÷ 3 − 1) ÷ 4,
 *                                      over the community staff's ratings given at milestone acceptance in the period
 *                    acceptance weight = the street's scoring_weights.acceptance_weight (default 30)
 *   compliance   = 0.7 × records part + 0.3 × reports part
 *                    records part = 100 × (records − rejected − upheld complaints) ÷ records decided or pending
 *                      upheld complaint: an approved record of the period on which a listed beneficiary's dispute stands
 *                      (record_beneficiaries.response = 'disputed': the resident says the service was not received).
 *                      The schema has no other complaint against an organization: tender_complaints are bidders'
 *                      complaints about a tender's evaluation, credit_objections the organization's own, and a reported
 *                      rating is a report about a resident's comment. Nobody rules on a dispute; it stands until the
 *                      resident withdraws it, and the organization answers it by rejecting the record (which then
 *                      counts once, as rejected) or not: an approved record under a standing dispute is a service the
 *                      organization claims against the resident's word. One record counts once, whatever its disputes.
 *                    reports part = 100 × (due − 0.5 × late − missing) ÷ due
 *                      a milestone report is the milestone's payment request (its non-rejected disbursement);
 *                      due: the milestones whose due date falls in the period and has passed (period start ≤ due < period end);
 *                      late: requested after the due date, by the period end; missing: not requested by the period end.
 *   capacity     = 0.5 × qualified part + 0.5 × retention part
 *                    qualified part = v1's capacity (members with a verified qualification ÷ active members)
 *                    retention part = 100 × members retained ÷ members at start
 *                      at start: memberships active at 00:00 of the period's first day (joined before it, not left by it);
 *                      retained: those of them not left by the period's end (organization_members.left_at, set on removal).
 *   reach        = min(100, 5 × distinct confirmed beneficiaries + 10 × communities served + 10 × needs addressed);
 *                  neutral without records, as v1
 *                    needs addressed: needs list entries marked addressed by a tender whose contract is the
 *                    organization's and runs in the period (needs.tender_id → contracts.tender_id), each once.
 *   score, tier  = v1's
 */
export const FORMULA_V2 = 'v2';
export type FormulaVersion = typeof FORMULA_V1 | typeof FORMULA_V2;

/** The formula in force: what the scoring runs write and what every reader of "the latest score" reads. */
export const FORMULA_VERSION: FormulaVersion = FORMULA_V2;
/**
 * Settings for SCORE_SQL, local to its transaction: no JIT (compiling this plan costs more than it saves),
 * and for the full run enough memory that the hash joins over service_records, ratings and
 * record_beneficiaries stay in memory instead of spilling to disk.
 */
export const scoreSettings = (all: boolean): string =>
  all
    ? `SET LOCAL jit = off; SET LOCAL work_mem = '256MB'; SET LOCAL TimeZone = 'UTC'`
    : `SET LOCAL jit = off; SET LOCAL TimeZone = 'UTC'`;

export const NEUTRAL = 70;

// The parts both statements share, written once: the period, the organizations, their projects and weights…
const HEAD = `WITH params AS NOT MATERIALIZED (SELECT $1::date AS period_end, ($1::date - interval '12 months')::date AS period_start),
orgs AS NOT MATERIALIZED (SELECT o.id, o.home_street_id FROM organizations o WHERE o.status = 'verified' AND ($2::uuid[] IS NULL OR o.id = ANY($2::uuid[]))),
projs AS NOT MATERIALIZED (SELECT p.id AS project_id, p.organization_id AS org_id FROM projects p JOIN orgs o ON o.id = p.organization_id),
weights AS (
  SELECT o.id AS org_id, coalesce(w.delivery, 30) AS delivery, coalesce(w.satisfaction, 25) AS satisfaction, coalesce(w.compliance, 15) AS compliance,
         coalesce(w.capacity, 15) AS capacity, coalesce(w.reach, 15) AS reach,
         coalesce(w.prior_mean, 4)::numeric AS prior_mean, coalesce(w.prior_weight, 10)::numeric AS prior_weight,
         coalesce(w.acceptance_weight, 30)::numeric AS acceptance_weight
    FROM orgs o LEFT JOIN scoring_weights w ON w.street_id = o.home_street_id),
`;

// …their contracts' hours and milestones…
const CONTRACTS = `contracted AS (
  SELECT c.organization_id AS org_id, sum((c.kpis ->> 'serviceHours')::numeric) AS hours
    FROM contracts c JOIN orgs o ON o.id = c.organization_id, params
   WHERE c.starts_on <= params.period_end AND c.ends_on >= params.period_start
   GROUP BY 1),
due AS (
  SELECT c.organization_id AS org_id, count(*) AS due,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM disbursements d WHERE d.milestone_id = m.id AND d.status <> 'rejected' AND d.created_at::date <= m.due_on)) AS on_time
    FROM milestones m JOIN contracts c ON c.id = m.contract_id JOIN orgs o ON o.id = c.organization_id, params
   WHERE m.due_on BETWEEN params.period_start AND params.period_end
   GROUP BY 1),
`;

// …and, from the per-organization inputs (recs, contracted, due, rated, reached), the team, the formula and the upsert.
const TEAM = `team AS (
  SELECT m.organization_id AS org_id, count(*) AS members, count(*) FILTER (WHERE m.qualification_verified_at IS NOT NULL) AS qualified
    FROM organization_members m JOIN orgs o ON o.id = m.organization_id WHERE m.status = 'active' GROUP BY 1),
`;

const DELIVERY = `CASE WHEN coalesce(ct.hours, 0) = 0 THEN ${NEUTRAL}
              ELSE 100 * (0.7 * least(1, coalesce(rc.approved_hours, 0) / ct.hours) + 0.3 * coalesce(du.on_time::numeric / nullif(du.due, 0), 1)) END`;
const RESIDENT_SATISFACTION = `100 * ((w.prior_weight * w.prior_mean + coalesce(ra.total, 0)) / (w.prior_weight + coalesce(ra.ratings, 0)) - 1) / 4`;
const V1_INPUTS = `'approvedHours', round(coalesce(rc.approved_hours, 0), 2), 'contractedHours', coalesce(ct.hours, 0),
           'milestonesDue', coalesce(du.due, 0), 'milestonesOnTime', coalesce(du.on_time, 0), 'ratings', coalesce(ra.ratings, 0),
           'ratingTotal', round(coalesce(ra.total, 0), 4), 'records', coalesce(rc.records, 0), 'rejected', coalesce(rc.rejected, 0),
           'members', coalesce(tm.members, 0), 'qualified', coalesce(tm.qualified, 0),
           'beneficiaries', coalesce(rb.beneficiaries, 0), 'communities', coalesce(rc.communities, 0),
           'priorMean', w.prior_mean, 'priorWeight', w.prior_weight`;
const V1_JOINS = `FROM orgs o JOIN weights w ON w.org_id = o.id
    LEFT JOIN recs rc ON rc.org_id = o.id LEFT JOIN contracted ct ON ct.org_id = o.id LEFT JOIN due du ON du.org_id = o.id
    LEFT JOIN rated ra ON ra.org_id = o.id LEFT JOIN reached rb ON rb.org_id = o.id LEFT JOIN team tm ON tm.org_id = o.id`;

/** From `indicators` (i_delivery … i_reach, the weights, inputs): the rounded values, the score, the tier and the upsert. */
const upsert = (version: FormulaVersion): string => `scored AS (
  SELECT org_id, inputs, round(i_delivery, 2) AS delivery, round(i_satisfaction, 2) AS satisfaction, round(i_compliance, 2) AS compliance,
         round(i_capacity, 2) AS capacity, round(i_reach, 2) AS reach,
         round((delivery * i_delivery + satisfaction * i_satisfaction + compliance * i_compliance + capacity * i_capacity + reach * i_reach) / 100, 2) AS score,
         jsonb_build_object('delivery', delivery, 'satisfaction', satisfaction, 'compliance', compliance, 'capacity', capacity, 'reach', reach) AS weights
    FROM indicators)
INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs, computed_at)
SELECT org_id, (SELECT period_end FROM params), '${version}', score,
       CASE WHEN score >= 85 THEN 'A' WHEN score >= 70 THEN 'B' WHEN score >= 60 THEN 'C' ELSE 'D' END,
       jsonb_build_object('delivery', delivery, 'satisfaction', satisfaction, 'compliance', compliance, 'capacity', capacity, 'reach', reach),
       inputs || jsonb_build_object('weights', weights), now()
  FROM scored
ON CONFLICT (organization_id, period_end, formula_version)
DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier, indicators = EXCLUDED.indicators, inputs = EXCLUDED.inputs, computed_at = EXCLUDED.computed_at
RETURNING organization_id`;

const FORMULA_1 = `${TEAM}indicators AS (
  SELECT o.id AS org_id, w.delivery, w.satisfaction, w.compliance, w.capacity, w.reach,
         ${DELIVERY} AS i_delivery,
         ${RESIDENT_SATISFACTION} AS i_satisfaction,
         CASE WHEN coalesce(rc.records, 0) = 0 THEN ${NEUTRAL} ELSE 100 * (1 - rc.rejected::numeric / rc.records) END AS i_compliance,
         CASE WHEN coalesce(tm.members, 0) = 0 THEN ${NEUTRAL} ELSE 100 * tm.qualified::numeric / tm.members END AS i_capacity,
         CASE WHEN coalesce(rc.records, 0) = 0 THEN ${NEUTRAL} ELSE least(100, 5 * coalesce(rb.beneficiaries, 0) + 10 * coalesce(rc.communities, 0)) END AS i_reach,
         jsonb_build_object(${V1_INPUTS}) AS inputs
    ${V1_JOINS}),
${upsert(FORMULA_V1)}`;

/**
 * v2's own inputs, each a small read per organization: the disputes through their partial index, the
 * milestones and their payment requests, the memberships, the addressed needs through their partial index,
 * the acceptance ratings through (organization_id, created_at). Then v2's parts, its indicators and the upsert.
 */
const FORMULA_2 = `-- v1's team counts and the retention counts, in one pass over the memberships
team AS (
  SELECT m.organization_id AS org_id, count(*) FILTER (WHERE m.status = 'active') AS members,
         count(*) FILTER (WHERE m.status = 'active' AND m.qualification_verified_at IS NOT NULL) AS qualified,
         count(*) FILTER (WHERE coalesce(m.joined_at, m.created_at) < params.period_start AND (m.left_at IS NULL OR m.left_at >= params.period_start)) AS at_start,
         count(*) FILTER (WHERE coalesce(m.joined_at, m.created_at) < params.period_start AND (m.left_at IS NULL OR m.left_at >= params.period_end + 1)) AS retained
    FROM organization_members m JOIN orgs o ON o.id = m.organization_id, params
   WHERE m.status = 'active' OR (m.status = 'removed' AND m.joined_at IS NOT NULL AND m.left_at IS NOT NULL)
   GROUP BY 1),
complaints AS (
  SELECT pr.org_id, count(DISTINCT r.id) AS upheld
    FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id JOIN projs pr ON pr.project_id = r.project_id, params
   WHERE b.response = 'disputed' AND r.status = 'approved' AND r.started_at >= params.period_start AND r.started_at < params.period_end + 1
   GROUP BY 1),
reports AS (
  SELECT c.organization_id AS org_id, count(*) AS due, count(*) FILTER (WHERE q.first_on > m.due_on) AS late,
         count(*) FILTER (WHERE q.first_on IS NULL) AS missing
    FROM milestones m JOIN contracts c ON c.id = m.contract_id JOIN orgs o ON o.id = c.organization_id CROSS JOIN params
    LEFT JOIN LATERAL (SELECT min(d.created_at)::date AS first_on FROM disbursements d
                        WHERE d.milestone_id = m.id AND d.status <> 'rejected' AND d.created_at < params.period_end + 1) q ON true
   WHERE m.due_on >= params.period_start AND m.due_on < params.period_end
   GROUP BY 1),
needs_met AS (
  SELECT c.organization_id AS org_id, count(DISTINCT n.id) AS needs
    FROM needs n JOIN contracts c ON c.tender_id = n.tender_id JOIN orgs o ON o.id = c.organization_id, params
   WHERE n.status = 'addressed' AND c.starts_on <= params.period_end AND c.ends_on >= params.period_start
   GROUP BY 1),
accepted AS (
  SELECT a.organization_id AS org_id, count(*) AS ratings, avg((a.quality + a.timeliness + a.cooperation) / 3.0) AS mean
    FROM acceptance_ratings a JOIN orgs o ON o.id = a.organization_id, params
   WHERE a.created_at >= params.period_start AND a.created_at < params.period_end + 1
   GROUP BY 1),
-- materialized: the indicators and the score read each part several times; inlined, each read would compute it again
parts AS MATERIALIZED (
  SELECT o.id AS org_id, w.delivery, w.satisfaction, w.compliance, w.capacity, w.reach, w.acceptance_weight,
         ${DELIVERY} AS i_delivery,
         ${RESIDENT_SATISFACTION} AS s_resident,
         100 * (ac.mean - 1) / 4 AS s_acceptance,
         CASE WHEN coalesce(rc.records, 0) = 0 THEN NULL ELSE 100 * (rc.records - rc.rejected - coalesce(cp.upheld, 0))::numeric / rc.records END AS c_records,
         CASE WHEN coalesce(rp.due, 0) = 0 THEN NULL ELSE 100 * (rp.due - 0.5 * rp.late - rp.missing) / rp.due END AS c_reports,
         CASE WHEN coalesce(tm.members, 0) = 0 THEN NULL ELSE 100 * tm.qualified::numeric / tm.members END AS k_qualified,
         CASE WHEN coalesce(tm.at_start, 0) = 0 THEN NULL ELSE 100 * tm.retained::numeric / tm.at_start END AS k_retention,
         CASE WHEN coalesce(rc.records, 0) = 0 THEN ${NEUTRAL}
              ELSE least(100, 5 * coalesce(rb.beneficiaries, 0) + 10 * coalesce(rc.communities, 0) + 10 * coalesce(nm.needs, 0)) END AS i_reach,
         jsonb_build_object(${V1_INPUTS}) || jsonb_build_object(
           'acceptanceRatings', coalesce(ac.ratings, 0), 'acceptanceMean', round(ac.mean, 4), 'acceptanceWeight', w.acceptance_weight,
           'upheldComplaints', coalesce(cp.upheld, 0), 'reportsDue', coalesce(rp.due, 0), 'reportsLate', coalesce(rp.late, 0),
           'reportsMissing', coalesce(rp.missing, 0), 'membersAtStart', coalesce(tm.at_start, 0), 'membersRetained', coalesce(tm.retained, 0),
           'needsAddressed', coalesce(nm.needs, 0)) AS inputs
    ${V1_JOINS}
    LEFT JOIN complaints cp ON cp.org_id = o.id LEFT JOIN reports rp ON rp.org_id = o.id
    LEFT JOIN needs_met nm ON nm.org_id = o.id LEFT JOIN accepted ac ON ac.org_id = o.id),
indicators AS (
  SELECT org_id, delivery, satisfaction, compliance, capacity, reach, i_delivery, i_reach,
         CASE WHEN s_acceptance IS NULL THEN s_resident
              ELSE ((100 - acceptance_weight) * s_resident + acceptance_weight * s_acceptance) / 100 END AS i_satisfaction,
         coalesce(0.7 * c_records + 0.3 * c_reports, c_records, c_reports, ${NEUTRAL}) AS i_compliance,
         coalesce(0.5 * k_qualified + 0.5 * k_retention, k_qualified, k_retention, ${NEUTRAL}) AS i_capacity,
         inputs || jsonb_build_object('residentSatisfaction', round(s_resident, 2), 'acceptanceSatisfaction', round(s_acceptance, 2)) AS inputs
    FROM parts),
${upsert(FORMULA_V2)}`;

const FORMULAS: Record<FormulaVersion, string> = { v1: FORMULA_1, v2: FORMULA_2 };

/**
 * The statement over the rollups (score-rollup.entity.ts, kept by triggers in the writing transactions):
 * records and ratings per project and UTC day, latest approved record per (project, community) and per
 * (project, confirmed resident). A (project, community) or (project, resident) pair counts when its latest
 * time falls in the period: exact as long as no record starts after the period (ScoringService checks,
 * SCORE_SQL_BASE otherwise). The sums are taken over rollup rows that count something, each of one decimal
 * scale, so values and display scales are those of the sums over the base rows. The period is in UTC days,
 * as the base statement's with the session time zone UTC (scoreSettings).
 */
const rollupsStatement = (version: FormulaVersion): string => `
${HEAD}rec_p AS (
  SELECT d.project_id, sum(d.approved_hours) FILTER (WHERE d.approved <> 0) AS approved_hours,
         sum(d.approved + d.submitted + d.rejected) AS records, sum(d.rejected) AS rejected
    FROM score_record_days d, params
   WHERE d.project_id IN (SELECT project_id FROM projs) AND d.day >= params.period_start AND d.day <= params.period_end
   GROUP BY 1
  HAVING sum(d.approved + d.submitted + d.rejected) <> 0),
served AS (
  SELECT pr.org_id, count(DISTINCT s.community_id) AS communities
    FROM score_served s JOIN projs pr ON pr.project_id = s.project_id, params
   WHERE s.last_at >= params.period_start AND s.last_at < params.period_end + 1
   GROUP BY 1),
recs AS (
  SELECT pr.org_id, coalesce(sum(x.approved_hours), 0)::numeric AS approved_hours, sum(x.records)::bigint AS records,
         sum(x.rejected)::bigint AS rejected, coalesce(max(sv.communities), 0) AS communities
    FROM rec_p x JOIN projs pr ON pr.project_id = x.project_id LEFT JOIN served sv ON sv.org_id = pr.org_id
   GROUP BY 1),
${CONTRACTS}rated AS (
  SELECT pr.org_id, sum(d.ratings)::bigint AS ratings, sum(d.total) AS total
    FROM score_rating_days d JOIN projs pr ON pr.project_id = d.project_id, params
   WHERE d.day >= params.period_start AND d.day <= params.period_end AND d.ratings <> 0
   GROUP BY 1),
reached AS (
  SELECT pr.org_id, count(DISTINCT x.resident_user_id) AS beneficiaries
    FROM score_reach x JOIN projs pr ON pr.project_id = x.project_id, params
   WHERE x.last_at >= params.period_start AND x.last_at < params.period_end + 1
   GROUP BY 1),
${FORMULAS[version]}`;

/**
 * The statement over the base tables, used when the period ends before some of the records (a past period:
 * the rollups' latest-seen times then cannot tell whether a pair was seen in the period); same results as
 * SCORE_SQL.
 *
 * Written for 10 M records (docs/benchmarks.md, "scoring"): the big tables are aggregated per project
 * first and mapped to organizations afterwards; distinct counts are taken over the few (project, community)
 * and (project, resident) pairs rather than by sorting every row; the small CTEs are NOT MATERIALIZED so the
 * planner can push the organization filter into each part (the per-organization jobs then read
 * service_records_scoring_idx only) and use parallel plans where the statement allows them.
 */
const baseStatement = (version: FormulaVersion): string => `
${HEAD}-- the period's records per project and community: one pass, then per organization
rec_pc AS (
  SELECT r.project_id, r.community_id,
         sum(extract(epoch FROM r.ended_at - r.started_at) / 3600) FILTER (WHERE r.status = 'approved') AS approved_hours,
         count(*) FILTER (WHERE r.status IN ('approved', 'submitted', 'rejected')) AS records,
         count(*) FILTER (WHERE r.status = 'rejected') AS rejected,
         bool_or(r.status = 'approved') AS served
    FROM service_records r, params
   WHERE r.project_id IN (SELECT project_id FROM projs) AND r.started_at >= params.period_start AND r.started_at < params.period_end + 1
   GROUP BY 1, 2),
recs AS (
  SELECT pr.org_id, coalesce(sum(x.approved_hours), 0)::numeric AS approved_hours, sum(x.records)::bigint AS records,
         sum(x.rejected)::bigint AS rejected, count(DISTINCT x.community_id) FILTER (WHERE x.served) AS communities
    FROM rec_pc x JOIN projs pr ON pr.project_id = x.project_id
   GROUP BY 1),
${CONTRACTS}rated_p AS (
  SELECT r.project_id, count(*) AS ratings, sum((ra.attitude + ra.professionalism + ra.effect) / 3.0) AS total
    FROM ratings ra JOIN service_records r ON r.id = ra.record_id, params
   WHERE ra.created_at >= params.period_start AND ra.created_at < params.period_end + 1 AND r.project_id IN (SELECT project_id FROM projs)
   GROUP BY 1),
rated AS (
  SELECT pr.org_id, sum(x.ratings)::bigint AS ratings, sum(x.total) AS total
    FROM rated_p x JOIN projs pr ON pr.project_id = x.project_id
   GROUP BY 1),
-- distinct confirmed beneficiaries: first the (project, resident) pairs, then per organization
reached_p AS (
  SELECT r.project_id, b.resident_user_id
    FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id, params
   WHERE b.response = 'confirmed' AND r.status = 'approved' AND r.started_at >= params.period_start AND r.started_at < params.period_end + 1
     AND r.project_id IN (SELECT project_id FROM projs)
   GROUP BY 1, 2),
reached AS (
  SELECT pr.org_id, count(DISTINCT x.resident_user_id) AS beneficiaries
    FROM reached_p x JOIN projs pr ON pr.project_id = x.project_id
   GROUP BY 1),
${FORMULAS[version]}`;

/** The formula in force over the rollups (production: the nightly run and the per-organization jobs). */
export const SCORE_SQL = rollupsStatement(FORMULA_VERSION);
/** The formula in force over the base tables (a past period). */
export const SCORE_SQL_BASE = baseStatement(FORMULA_VERSION);
/** Each formula's two statements, by version: v1 stays runnable so that its snapshots can be reproduced. */
export const SCORE_STATEMENTS: Record<FormulaVersion, { rollups: string; base: string }> = {
  v1: { rollups: rollupsStatement(FORMULA_V1), base: baseStatement(FORMULA_V1) },
  v2: { rollups: rollupsStatement(FORMULA_V2), base: baseStatement(FORMULA_V2) },
};

/**
 * Copies each organization's latest snapshot (of the formula in force) onto organizations.current_score and
 * current_tier: the directory and the leaderboard filter and sort by them with a plain index, no per-row
 * lookup of the latest snapshot. Only rows that change are written.
 */
const CURRENT_SCORE_SQL = `
UPDATE organizations o SET current_score = s.score, current_tier = s.tier
  FROM (SELECT DISTINCT ON (organization_id) organization_id, score, tier FROM score_snapshots
         WHERE formula_version = $2 AND ($1::uuid[] IS NULL OR organization_id = ANY($1::uuid[]))
         ORDER BY organization_id, period_end DESC) s
 WHERE o.id = s.organization_id AND (o.current_score IS DISTINCT FROM s.score OR o.current_tier IS DISTINCT FROM s.tier)`;

/**
 * Whether some record starts after the period (a past period): SCORE_SQL's latest-seen rollups then cannot
 * answer, and the statement over the base tables runs instead.
 */
const LATER_RECORDS_SQL = `SELECT EXISTS (SELECT 1 FROM score_record_days WHERE day > $1::date) AS later`;

export const applyScoreSettings = (db: Queryable, all: boolean) => db.query(scoreSettings(all));

export const recordsAfter = async (db: Queryable, periodEnd: string) =>
  (await selectOne<{ later: boolean }>(db, LATER_RECORDS_SQL, [periodEnd]))!.later;

/** Runs one of SCORE_STATEMENTS; returns the number of snapshots written. */
export const writeSnapshots = async (
  db: Queryable,
  statement: string,
  periodEnd: string,
  organizationIds: string[] | null,
) => (await selectRows(db, statement, [periodEnd, organizationIds])).length;

export const refreshCurrentScores = (db: Queryable, organizationIds: string[] | null) =>
  db.query(CURRENT_SCORE_SQL, [organizationIds, FORMULA_VERSION]);

/** Whether organizations were scored under an older formula but none yet under this one. */
export const olderFormulaOnly = async (db: Queryable, formula: string) =>
  (await selectOne<{ pending: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM score_snapshots WHERE formula_version <> $1)
            AND NOT EXISTS (SELECT 1 FROM score_snapshots WHERE formula_version = $1) AS pending`,
    [formula],
  ))!.pending;
