/**
 * The performance score (PRODUCT §7), formula version 1, as one set-based statement over the
 * rolling 12 months ending at $1 for the verified organizations in $2 (all when null).
 * An indicator without data is neutral (70) rather than zero, so a newcomer is neither rewarded nor punished.
 *
 *   delivery     = 100 × (0.7 × min(1, approved hours ÷ contracted hours) + 0.3 × milestones requested on time ÷ due)
 *   satisfaction = 100 × (bayes − 1) ÷ 4, bayes = (prior weight × prior mean + Σ rating means) ÷ (prior weight + ratings)
 *   compliance   = 100 × records not rejected ÷ records decided or pending
 *   capacity     = 100 × members with a verified qualification ÷ active members
 *   reach        = min(100, 5 × distinct confirmed beneficiaries + 10 × communities served); neutral without records
 *   score        = Σ weight × indicator ÷ 100 (street weights, default 30/25/15/15/15); tier A ≥ 85, B ≥ 70, C ≥ 60, else D
 */
export const FORMULA_VERSION = 'v1';
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
         coalesce(w.prior_mean, 4)::numeric AS prior_mean, coalesce(w.prior_weight, 10)::numeric AS prior_weight
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
const FORMULA = `team AS (
  SELECT m.organization_id AS org_id, count(*) AS members, count(*) FILTER (WHERE m.qualification_verified_at IS NOT NULL) AS qualified
    FROM organization_members m JOIN orgs o ON o.id = m.organization_id WHERE m.status = 'active' GROUP BY 1),
indicators AS (
  SELECT o.id AS org_id, w.delivery, w.satisfaction, w.compliance, w.capacity, w.reach,
         CASE WHEN coalesce(ct.hours, 0) = 0 THEN ${NEUTRAL}
              ELSE 100 * (0.7 * least(1, coalesce(rc.approved_hours, 0) / ct.hours) + 0.3 * coalesce(du.on_time::numeric / nullif(du.due, 0), 1)) END AS i_delivery,
         100 * ((w.prior_weight * w.prior_mean + coalesce(ra.total, 0)) / (w.prior_weight + coalesce(ra.ratings, 0)) - 1) / 4 AS i_satisfaction,
         CASE WHEN coalesce(rc.records, 0) = 0 THEN ${NEUTRAL} ELSE 100 * (1 - rc.rejected::numeric / rc.records) END AS i_compliance,
         CASE WHEN coalesce(tm.members, 0) = 0 THEN ${NEUTRAL} ELSE 100 * tm.qualified::numeric / tm.members END AS i_capacity,
         CASE WHEN coalesce(rc.records, 0) = 0 THEN ${NEUTRAL} ELSE least(100, 5 * coalesce(rb.beneficiaries, 0) + 10 * coalesce(rc.communities, 0)) END AS i_reach,
         jsonb_build_object('approvedHours', round(coalesce(rc.approved_hours, 0), 2), 'contractedHours', coalesce(ct.hours, 0),
           'milestonesDue', coalesce(du.due, 0), 'milestonesOnTime', coalesce(du.on_time, 0), 'ratings', coalesce(ra.ratings, 0),
           'ratingTotal', round(coalesce(ra.total, 0), 4), 'records', coalesce(rc.records, 0), 'rejected', coalesce(rc.rejected, 0),
           'members', coalesce(tm.members, 0), 'qualified', coalesce(tm.qualified, 0),
           'beneficiaries', coalesce(rb.beneficiaries, 0), 'communities', coalesce(rc.communities, 0),
           'priorMean', w.prior_mean, 'priorWeight', w.prior_weight) AS inputs
    FROM orgs o JOIN weights w ON w.org_id = o.id
    LEFT JOIN recs rc ON rc.org_id = o.id LEFT JOIN contracted ct ON ct.org_id = o.id LEFT JOIN due du ON du.org_id = o.id
    LEFT JOIN rated ra ON ra.org_id = o.id LEFT JOIN reached rb ON rb.org_id = o.id LEFT JOIN team tm ON tm.org_id = o.id),
scored AS (
  SELECT org_id, inputs, round(i_delivery, 2) AS delivery, round(i_satisfaction, 2) AS satisfaction, round(i_compliance, 2) AS compliance,
         round(i_capacity, 2) AS capacity, round(i_reach, 2) AS reach,
         round((delivery * i_delivery + satisfaction * i_satisfaction + compliance * i_compliance + capacity * i_capacity + reach * i_reach) / 100, 2) AS score,
         jsonb_build_object('delivery', delivery, 'satisfaction', satisfaction, 'compliance', compliance, 'capacity', capacity, 'reach', reach) AS weights
    FROM indicators)
INSERT INTO score_snapshots (organization_id, period_end, formula_version, score, tier, indicators, inputs, computed_at)
SELECT org_id, (SELECT period_end FROM params), '${FORMULA_VERSION}', score,
       CASE WHEN score >= 85 THEN 'A' WHEN score >= 70 THEN 'B' WHEN score >= 60 THEN 'C' ELSE 'D' END,
       jsonb_build_object('delivery', delivery, 'satisfaction', satisfaction, 'compliance', compliance, 'capacity', capacity, 'reach', reach),
       inputs || jsonb_build_object('weights', weights), now()
  FROM scored
ON CONFLICT (organization_id, period_end, formula_version)
DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier, indicators = EXCLUDED.indicators, inputs = EXCLUDED.inputs, computed_at = EXCLUDED.computed_at
RETURNING organization_id`;

/**
 * The statement over the rollups (score-rollup.entity.ts, kept by triggers in the writing transactions):
 * records and ratings per project and UTC day, latest approved record per (project, community) and per
 * (project, confirmed resident). A (project, community) or (project, resident) pair counts when its latest
 * time falls in the period: exact as long as no record starts after the period (ScoringService checks,
 * SCORE_SQL_BASE otherwise). The sums are taken over rollup rows that count something, each of one decimal
 * scale, so values and display scales are those of the sums over the base rows. The period is in UTC days,
 * as the base statement's with the session time zone UTC (scoreSettings).
 */
export const SCORE_SQL = `
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
${FORMULA}`;

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
export const SCORE_SQL_BASE = `
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
${FORMULA}`;
