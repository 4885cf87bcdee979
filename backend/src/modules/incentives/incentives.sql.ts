import { cursorTime, newestFirst, type TimeKeyset } from '../../common/database/keyset.js';
import { selectOne, selectRows, type Queryable } from '../../common/database/queryable.js';
import { incentivePoolAccount } from '../ledger/ledger.service.js';
import { FORMULA_VERSION } from '../scoring/scoring.sql.js';
import type { IncentiveAction } from './incentive.entity.js';
import type { IncentiveDecisionView, IncentiveRuleInput, IncentiveRuleView } from './incentives.types.js';

/**
 * Shared head of the incentive statements. $1 = the day of the scoring run, $2 = organization ids
 * (null for all verified ones). An organization's tier for a month is that of its latest snapshot in
 * the month; its streak is how many months in a row, ending with $1's month, it has held its current
 * tier. Rules apply from a street's own rule set, or the platform defaults when it has none.
 */
export const STREAKS_CTE = `
orgs AS (SELECT o.id, o.home_street_id FROM organizations o WHERE o.status = 'verified' AND ($2::uuid[] IS NULL OR o.id = ANY($2::uuid[]))),
monthly AS (
  SELECT DISTINCT ON (s.organization_id, date_trunc('month', s.period_end))
         s.organization_id, date_trunc('month', s.period_end)::date AS month_start, s.tier, s.score
    FROM score_snapshots s JOIN orgs o ON o.id = s.organization_id
   WHERE s.formula_version = '${FORMULA_VERSION}' AND s.period_end <= $1::date
     AND s.period_end >= date_trunc('month', $1::date) - interval '12 months'
   ORDER BY s.organization_id, date_trunc('month', s.period_end), s.period_end DESC),
ranked AS (
  SELECT m.*, first_value(m.tier) OVER w AS current_tier, row_number() OVER w AS rn
    FROM monthly m WINDOW w AS (PARTITION BY m.organization_id ORDER BY m.month_start DESC)),
runs AS (
  SELECT r.*, bool_and(r.tier = r.current_tier AND r.month_start = (date_trunc('month', $1::date) - make_interval(months => (r.rn - 1)::int))::date)
                OVER (PARTITION BY r.organization_id ORDER BY r.month_start DESC ROWS UNBOUNDED PRECEDING) AS in_run
    FROM ranked r),
streaks AS (
  SELECT organization_id, current_tier AS tier, count(*)::int AS months,
         jsonb_agg(jsonb_build_object('month', to_char(month_start, 'YYYY-MM'), 'tier', tier, 'score', score) ORDER BY month_start) AS history
    FROM runs WHERE in_run GROUP BY organization_id, current_tier),
rules_of AS (
  SELECT s.id AS street_id, r.id, r.tier, r.consecutive_months, r.action, r.bonus_share_bp, r.bar_months
    FROM regions s JOIN incentive_rules r
      ON r.street_id = s.id OR (r.street_id IS NULL AND NOT EXISTS (SELECT 1 FROM incentive_rules x WHERE x.street_id = s.id))
   WHERE s.level = 'street'),
matched AS (
  SELECT o.id AS organization_id, ro.street_id, ro.id AS rule_id, ro.action, ro.tier, ro.consecutive_months, ro.bonus_share_bp, ro.bar_months,
         st.months AS streak_months,
         (SELECT jsonb_agg(h ORDER BY h ->> 'month') FROM (SELECT h FROM jsonb_array_elements(st.history) h ORDER BY h ->> 'month' DESC LIMIT ro.consecutive_months) x) AS history,
         jsonb_build_object('tier', ro.tier, 'consecutiveMonths', ro.consecutive_months, 'action', ro.action,
                            'bonusShareBp', ro.bonus_share_bp, 'barMonths', ro.bar_months, 'streetId', ro.street_id) AS rule_json
    FROM orgs o JOIN streaks st ON st.organization_id = o.id
    JOIN rules_of ro ON ro.street_id = o.home_street_id AND ro.tier = st.tier AND st.months >= ro.consecutive_months)`;

/** Why a streak matched, in words: "Tier A for 2 consecutive months (2026-10: 86.00, 2026-11: 88.20)". */
const STREAK_WORDS = `'Tier ' || m.tier || CASE WHEN m.consecutive_months > 1 THEN ' for ' || m.consecutive_months || ' consecutive months' ELSE ' in ' || to_char($1::date, 'YYYY-MM') END
  || ' (' || (SELECT string_agg((h ->> 'month') || ': ' || (h ->> 'score'), ', ' ORDER BY h ->> 'month') FROM jsonb_array_elements(m.history) h) || ')'`;

/** Badges: one per organization and month while the rule holds; shown for this month and the next. */
export const BADGE_SQL = `
WITH ${STREAKS_CTE}
INSERT INTO incentive_decisions (organization_id, action, subject, outcome, rule, evidence, explanation, effective_from, effective_until)
SELECT m.organization_id, 'badge', to_char($1::date, 'YYYY-MM'), 'applied', m.rule_json, jsonb_build_object('months', m.history),
       ${STREAK_WORDS} || ': tier ' || m.tier || ' badge for ' || to_char($1::date, 'YYYY-MM') || ' and the following month.',
       $1::date, (date_trunc('month', $1::date) + interval '2 months' - interval '1 day')::date
  FROM matched m WHERE m.action = 'badge'
ON CONFLICT (organization_id, action, subject) DO NOTHING
RETURNING id, organization_id AS "organizationId", action, explanation`;

/** Bars on new bids: decided once per streak, not again while a bar is in force. */
export const BAR_SQL = `
WITH ${STREAKS_CTE}
INSERT INTO incentive_decisions (organization_id, action, subject, outcome, rule, evidence, explanation, effective_from, effective_until)
SELECT m.organization_id, 'bar', to_char($1::date, 'YYYY-MM'), 'applied', m.rule_json, jsonb_build_object('months', m.history),
       ${STREAK_WORDS} || ': new bids barred for ' || m.bar_months || ' months, until '
         || to_char(($1::date + make_interval(months => m.bar_months))::date, 'YYYY-MM-DD') || '.',
       $1::date, ($1::date + make_interval(months => m.bar_months))::date
  FROM matched m
 WHERE m.action = 'bar'
   AND NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.organization_id = m.organization_id AND d.action = 'bar' AND d.effective_until >= $1::date)
ON CONFLICT (organization_id, action, subject) DO NOTHING
RETURNING id, organization_id AS "organizationId", action, explanation`;

/**
 * Bonus candidates: contracts of an organization whose streak matches a bonus rule of the
 * contract's street, whose final milestone has been paid, and that have no applied bonus yet.
 */
export const BONUS_CANDIDATES_SQL = `
WITH ${STREAKS_CTE},
bonus_rules AS (
  SELECT o.id AS organization_id, ro.street_id, ro.tier, ro.consecutive_months, ro.bonus_share_bp,
         st.history AS all_history, st.months AS streak_months
    FROM orgs o JOIN streaks st ON st.organization_id = o.id
    JOIN rules_of ro ON ro.action = 'bonus' AND ro.tier = st.tier AND st.months >= ro.consecutive_months)
SELECT c.id AS "contractId", c.organization_id AS "organizationId", c.street_id AS "streetId", fm.id AS "milestoneId",
       fm.amount_fen AS "milestoneAmountFen", b.bonus_share_bp AS "bonusShareBp",
       (fm.amount_fen * b.bonus_share_bp / 10000)::bigint AS "amountFen",
       jsonb_build_object('tier', b.tier, 'consecutiveMonths', b.consecutive_months, 'action', 'bonus',
                          'bonusShareBp', b.bonus_share_bp, 'streetId', b.street_id) AS rule,
       (SELECT jsonb_agg(h ORDER BY h ->> 'month') FROM (SELECT h FROM jsonb_array_elements(b.all_history) h ORDER BY h ->> 'month' DESC LIMIT b.consecutive_months) x) AS history
  FROM bonus_rules b
  JOIN contracts c ON c.organization_id = b.organization_id AND c.street_id = b.street_id
  JOIN LATERAL (SELECT m.id, m.amount_fen FROM milestones m WHERE m.contract_id = c.id ORDER BY m.due_on DESC, m.id DESC LIMIT 1) fm ON true
 WHERE EXISTS (SELECT 1 FROM disbursements d WHERE d.milestone_id = fm.id AND d.status = 'paid')
   AND NOT EXISTS (SELECT 1 FROM incentive_decisions x WHERE x.organization_id = c.organization_id AND x.action = 'bonus'
                      AND x.subject = c.id::text AND x.outcome = 'applied')
   AND (fm.amount_fen * b.bonus_share_bp / 10000) > 0`;

/** An incentive decided by a statement above: for its audit entry. */
export interface Decided {
  id: string;
  organizationId: string;
  action: IncentiveAction;
  explanation: string;
}

export const decideBadges = (db: Queryable, day: string, organizationIds: string[] | null) =>
  selectRows<Decided>(db, BADGE_SQL, [day, organizationIds]);

export const decideBars = (db: Queryable, day: string, organizationIds: string[] | null) =>
  selectRows<Decided>(db, BAR_SQL, [day, organizationIds]);

export interface BonusCandidate {
  contractId: string;
  organizationId: string;
  milestoneId: string;
  milestoneAmountFen: number;
  bonusShareBp: number;
  amountFen: number;
  rule: { tier: string; consecutiveMonths: number };
  history: { month: string; score: number }[];
}

export const bonusCandidates = (db: Queryable, day: string, organizationIds: string[] | null) =>
  selectRows<BonusCandidate>(db, BONUS_CANDIDATES_SQL, [day, organizationIds]);

/** The bonus decision of a contract, once: undefined when it was decided before. */
export const insertBonusDecision = (
  db: Queryable,
  d: {
    organizationId: string;
    contractId: string;
    rule: object;
    evidence: object;
    explanation: string;
    day: string;
    amountFen: number;
    disbursementId: string;
  },
) =>
  selectOne<Decided>(
    db,
    `INSERT INTO incentive_decisions (organization_id, action, subject, outcome, rule, evidence, explanation,
                                      effective_from, amount_fen, disbursement_id)
     VALUES ($1, 'bonus', $2, 'applied', $3, $4, $5, $6, $7, $8)
     ON CONFLICT (organization_id, action, subject) DO NOTHING
     RETURNING id, organization_id AS "organizationId", action, explanation`,
    [d.organizationId, d.contractId, d.rule, d.evidence, d.explanation, d.day, d.amountFen, d.disbursementId],
  );

/** A bonus's milestone: of this contract, with whether it is the contract's final one. */
export const milestoneOfContract = (db: Queryable, milestoneId: string, contractId: string) =>
  selectOne<{ id: string; street_id: string; currency: string; organization_id: string; final: boolean }>(
    db,
    `SELECT m.id, c.street_id, c.currency, c.organization_id,
            m.seq = (SELECT max(seq) FROM milestones WHERE contract_id = c.id) AS final
       FROM milestones m JOIN contracts c ON c.id = m.contract_id WHERE m.id = $1 AND c.id = $2`,
    [milestoneId, contractId],
  );

export const isVerifiedOrganization = async (db: Queryable, organizationId: string) =>
  (await selectOne(db, `SELECT 1 FROM organizations WHERE id = $1 AND status = 'verified'`, [
    organizationId,
  ])) !== undefined;

export const isStreet = async (db: Queryable, streetId: string) =>
  (await selectOne(db, `SELECT 1 FROM regions WHERE id = $1 AND level = 'street'`, [streetId])) !== undefined;

const DECISION_COLUMNS = `id, action, subject, outcome, explanation, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  to_char(effective_until, 'YYYY-MM-DD') AS "effectiveUntil", amount_fen AS "amountFen",
  disbursement_id AS "disbursementId", rule, evidence, decided_at AS "decidedAt"`;

/** An organization's decisions, newest first. */
export const decisionsOf = (db: Queryable, organizationId: string, page: TimeKeyset) =>
  selectRows<IncentiveDecisionView & { k: string }>(
    db,
    `SELECT ${DECISION_COLUMNS}, ${cursorTime('decided_at')} AS k FROM incentive_decisions
      WHERE organization_id = $1 AND ${newestFirst('decided_at', 'id', 2)}`,
    [organizationId, ...(page.after ?? [null, null]), page.limit],
  );

/** The latest applied decision of each action in force on the day, however old it is. */
export const decisionsInForce = (db: Queryable, organizationId: string, day: string) =>
  selectRows<IncentiveDecisionView>(
    db,
    `SELECT DISTINCT ON (action) ${DECISION_COLUMNS} FROM incentive_decisions
      WHERE organization_id = $1 AND outcome = 'applied'
        AND effective_from <= $2::date AND (effective_until IS NULL OR effective_until >= $2::date)
      ORDER BY action, decided_at DESC, id`,
    [organizationId, day],
  );

/** A street's own rules, or the platform defaults when it has none (`own` tells which). */
export const rulesOf = (db: Queryable, streetId: string) =>
  selectRows<IncentiveRuleView & { own: boolean }>(
    db,
    `SELECT id, tier, consecutive_months AS "consecutiveMonths", action, bonus_share_bp AS "bonusShareBp",
            bar_months AS "barMonths", street_id IS NOT NULL AS own
       FROM incentive_rules
      WHERE street_id = $1 OR (street_id IS NULL AND NOT EXISTS (SELECT 1 FROM incentive_rules WHERE street_id = $1))
      ORDER BY tier, action, consecutive_months`,
    [streetId],
  );

/** The version of a street's rule set (0 before its first replacement). */
export const ruleSetVersion = async (db: Queryable, streetId: string) =>
  (await selectOne<{ version: number }>(
    db,
    `SELECT coalesce((SELECT version FROM incentive_rule_sets WHERE street_id = $1), 0) AS version`,
    [streetId],
  ))!.version;

/**
 * Locks a street's rule set and returns its version: two replacements run one after the other,
 * each reading the set (and the version) it replaces.
 */
export const lockRuleSet = async (db: Queryable, streetId: string) => {
  await db.query(`INSERT INTO incentive_rule_sets (street_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
    streetId,
  ]);
  return (await selectOne<{ version: number }>(
    db,
    `SELECT version FROM incentive_rule_sets WHERE street_id = $1 FOR UPDATE`,
    [streetId],
  ))!.version;
};

export const bumpRuleSetVersion = (db: Queryable, streetId: string) =>
  db.query(`UPDATE incentive_rule_sets SET version = version + 1 WHERE street_id = $1`, [streetId]);

export const deleteStreetRules = (db: Queryable, streetId: string) =>
  db.query(`DELETE FROM incentive_rules WHERE street_id = $1`, [streetId]);

export const insertStreetRule = (db: Queryable, streetId: string, r: IncentiveRuleInput) =>
  db.query(
    `INSERT INTO incentive_rules (street_id, tier, consecutive_months, action, bonus_share_bp, bar_months)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [streetId, r.tier, r.consecutiveMonths, r.action, r.bonusShareBp ?? null, r.barMonths ?? null],
  );

/** The street's incentive pool: its balance, and what bonuses awaiting approval will draw. */
export const poolOf = async (db: Queryable, streetId: string) =>
  (await selectOne<{ balance: number; pending: number }>(
    db,
    `SELECT coalesce((SELECT sum(p.amount_fen) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $2), 0)::bigint AS balance,
            coalesce((SELECT sum(amount_fen) FROM disbursements WHERE kind = 'incentive_bonus' AND street_id = $1
                        AND status IN ('requested', 'accepted', 'finance_approved')), 0)::bigint AS pending`,
    [streetId, incentivePoolAccount(streetId).code],
  ))!;
