import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand below the generated tables: the functions and triggers that keep the score's rollups
// (score-rollup.entity.ts) in the writing transaction, and their backfill. Statement-level triggers with
// transition tables: one aggregated upsert per statement, bulk or single-row. Counts and sums move by signed
// deltas (row locks of the upsert serialize concurrent writers). The latest-seen times only grow on a write;
// when an approved record, or a confirmation, goes away, the affected pairs are locked and recomputed from the
// base tables (a fresh snapshot after the lock, under READ COMMITTED, sees the concurrent writers' commits).
// Functions pin their search_path (the migration's schema).

/** A record's hours (as SCORE_SQL sums them) and UTC day. */
const HOURS = `extract(epoch FROM ended_at - started_at) / 3600`;
const DAY = `(started_at AT TIME ZONE 'UTC')::date`;

/** Upserts signed record deltas from `delta(project_id, started_at, ended_at, status, sign)`. */
const recordDays = (delta: string) => `
  INSERT INTO score_record_days AS d (project_id, day, hscale, approved, submitted, rejected, approved_hours)
  SELECT project_id, day, scale(h), coalesce(sum(sign) FILTER (WHERE status = 'approved'), 0),
         coalesce(sum(sign) FILTER (WHERE status = 'submitted'), 0), coalesce(sum(sign) FILTER (WHERE status = 'rejected'), 0),
         coalesce(sum(sign * h) FILTER (WHERE status = 'approved'), 0)
    FROM (SELECT project_id, ${DAY} AS day, ${HOURS} AS h, status, sign FROM (${delta}) x
           WHERE status IN ('approved', 'submitted', 'rejected')) y
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (project_id, day, hscale) DO UPDATE SET approved = d.approved + EXCLUDED.approved,
    submitted = d.submitted + EXCLUDED.submitted, rejected = d.rejected + EXCLUDED.rejected,
    approved_hours = d.approved_hours + EXCLUDED.approved_hours`;

/** Upserts signed rating deltas from `delta(record_id, created_at, t, sign)`, t the rating's mean. */
const ratingDays = (delta: string) => `
  INSERT INTO score_rating_days AS d (project_id, day, tscale, ratings, total)
  SELECT r.project_id, (x.created_at AT TIME ZONE 'UTC')::date, scale(x.t), sum(x.sign), sum(x.sign * x.t)
    FROM (${delta}) x JOIN service_records r ON r.id = x.record_id
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (project_id, day, tscale) DO UPDATE SET ratings = d.ratings + EXCLUDED.ratings, total = d.total + EXCLUDED.total`;

/** Raises the latest-seen times from `seen(project_id, key, at)`. */
const raise = (table: 'score_served' | 'score_reach', key: string, seen: string) => `
  INSERT INTO ${table} AS s (project_id, ${key}, last_at)
  SELECT project_id, k, max(at) FROM (${seen}) x (project_id, k, at) GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (project_id, ${key}) DO UPDATE SET last_at = greatest(s.last_at, EXCLUDED.last_at)`;

// Latest approved start of a pair: a backward scan of the project's records (service_records_scoring_idx) that
// stops at the first match
const SERVED_LAST = `(SELECT r.started_at FROM service_records r
   WHERE r.project_id = s.project_id AND r.community_id = s.community_id AND r.status = 'approved'
   ORDER BY r.started_at DESC LIMIT 1)`;
// (the beneficiary test is a scalar subquery, a primary-key probe per record, so that it is not planned as a
// join of all the project's records with all the resident's confirmations)
const REACH_LAST = `(SELECT r.started_at FROM service_records r
   WHERE r.project_id = s.project_id AND r.status = 'approved' AND (SELECT b.response = 'confirmed' FROM record_beneficiaries b
     WHERE b.record_id = r.id AND b.resident_user_id = s.resident_user_id)
   ORDER BY r.started_at DESC LIMIT 1)`;

/**
 * Locks, then recomputes from the base tables, the pairs of `pairs(project_id, key)` (when they have a row);
 * a pair nothing counts any more is removed, as a rebuild would leave it out.
 */
const recompute = (table: 'score_served' | 'score_reach', key: string, pairs: string) => {
  const last = table === 'score_served' ? SERVED_LAST : REACH_LAST;
  return `
  PERFORM 1 FROM ${table} s WHERE (s.project_id, s.${key}) IN (${pairs}) ORDER BY s.project_id, s.${key} FOR UPDATE;
  DELETE FROM ${table} s WHERE (s.project_id, s.${key}) IN (${pairs}) AND ${last} IS NULL;
  UPDATE ${table} s SET last_at = ${last} WHERE (s.project_id, s.${key}) IN (${pairs})`;
};

const CHANGED_RECORDS = `SELECT o.id, o.project_id AS o_project, o.community_id AS o_community, o.started_at AS o_started,
         o.ended_at AS o_ended, o.status AS o_status, n.project_id, n.community_id, n.started_at, n.ended_at, n.status
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE (o.project_id, o.community_id, o.started_at, o.ended_at, o.status) IS DISTINCT FROM (n.project_id, n.community_id, n.started_at, n.ended_at, n.status)`;

const FUNCTIONS: [string, string][] = [
  [
    'score_records_inserted',
    `${recordDays(`SELECT project_id, started_at, ended_at, status, 1 AS sign FROM new_rows`)};
     ${raise('score_served', 'community_id', `SELECT project_id, community_id, started_at FROM new_rows WHERE status = 'approved'`)};
     ${raise(
       'score_reach',
       'resident_user_id',
       `SELECT n.project_id, b.resident_user_id, n.started_at FROM new_rows n
        JOIN record_beneficiaries b ON b.record_id = n.id AND b.response = 'confirmed' WHERE n.status = 'approved'`,
     )};`,
  ],
  [
    'score_records_updated',
    `IF NOT EXISTS (${CHANGED_RECORDS}) THEN RETURN NULL; END IF;
     ${recordDays(`SELECT o_project AS project_id, o_started AS started_at, o_ended AS ended_at, o_status AS status, -1 AS sign FROM (${CHANGED_RECORDS}) c
        UNION ALL SELECT project_id, started_at, ended_at, status, 1 FROM (${CHANGED_RECORDS}) c`)};
     ${recompute('score_served', 'community_id', `SELECT o_project, o_community FROM (${CHANGED_RECORDS}) c WHERE o_status = 'approved'`)};
     ${recompute(
       'score_reach',
       'resident_user_id',
       `SELECT c.o_project, b.resident_user_id FROM (${CHANGED_RECORDS}) c
        JOIN record_beneficiaries b ON b.record_id = c.id AND b.response = 'confirmed' WHERE c.o_status = 'approved'`,
     )};
     ${raise('score_served', 'community_id', `SELECT project_id, community_id, started_at FROM (${CHANGED_RECORDS}) c WHERE status = 'approved'`)};
     ${raise(
       'score_reach',
       'resident_user_id',
       `SELECT c.project_id, b.resident_user_id, c.started_at FROM (${CHANGED_RECORDS}) c
        JOIN record_beneficiaries b ON b.record_id = c.id AND b.response = 'confirmed' WHERE c.status = 'approved'`,
     )};`,
  ],
  [
    // The beneficiaries of a deleted record may already be gone (ON DELETE CASCADE): every pair of its project
    // seen at or after its start is recomputed.
    'score_records_deleted',
    `${recordDays(`SELECT project_id, started_at, ended_at, status, -1 AS sign FROM old_rows`)};
     ${recompute('score_served', 'community_id', `SELECT project_id, community_id FROM old_rows WHERE status = 'approved'`)};
     ${recompute(
       'score_reach',
       'resident_user_id',
       `SELECT x.project_id, x.resident_user_id FROM score_reach x
        JOIN (SELECT project_id, min(started_at) AS since FROM old_rows WHERE status = 'approved' GROUP BY 1) g
          ON g.project_id = x.project_id AND x.last_at >= g.since`,
     )};`,
  ],
  [
    'score_ratings_inserted',
    `${ratingDays(`SELECT record_id, created_at, (attitude + professionalism + effect) / 3.0 AS t, 1 AS sign FROM new_rows`)};`,
  ],
  [
    'score_ratings_updated',
    `${ratingDays(`SELECT o.record_id, o.created_at, (o.attitude + o.professionalism + o.effect) / 3.0 AS t, -1 AS sign
        FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.record_id, o.created_at, o.attitude, o.professionalism, o.effect) IS DISTINCT FROM (n.record_id, n.created_at, n.attitude, n.professionalism, n.effect)
      UNION ALL
      SELECT n.record_id, n.created_at, (n.attitude + n.professionalism + n.effect) / 3.0, 1
        FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.record_id, o.created_at, o.attitude, o.professionalism, o.effect) IS DISTINCT FROM (n.record_id, n.created_at, n.attitude, n.professionalism, n.effect)`)};`,
  ],
  [
    'score_ratings_deleted',
    `${ratingDays(`SELECT record_id, created_at, (attitude + professionalism + effect) / 3.0 AS t, -1 AS sign FROM old_rows`)};`,
  ],
  [
    'score_beneficiaries_inserted',
    `${raise(
      'score_reach',
      'resident_user_id',
      `SELECT r.project_id, n.resident_user_id, r.started_at FROM new_rows n
        JOIN service_records r ON r.id = n.record_id WHERE n.response = 'confirmed' AND r.status = 'approved'`,
    )};`,
  ],
  [
    'score_beneficiaries_updated',
    `${recompute(
      'score_reach',
      'resident_user_id',
      `SELECT r.project_id, o.resident_user_id FROM old_rows o
        JOIN service_records r ON r.id = o.record_id WHERE o.response = 'confirmed' AND r.status = 'approved'
         AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.record_id = o.record_id AND n.resident_user_id = o.resident_user_id AND n.response = 'confirmed')`,
    )};
     ${raise(
       'score_reach',
       'resident_user_id',
       `SELECT r.project_id, n.resident_user_id, r.started_at FROM new_rows n
        JOIN service_records r ON r.id = n.record_id WHERE n.response = 'confirmed' AND r.status = 'approved'`,
     )};`,
  ],
  [
    'score_beneficiaries_deleted',
    `${recompute(
      'score_reach',
      'resident_user_id',
      `SELECT r.project_id, o.resident_user_id FROM old_rows o
        JOIN service_records r ON r.id = o.record_id WHERE o.response = 'confirmed' AND r.status = 'approved'`,
    )};`,
  ],
];

const TRIGGERS: [table: string, event: 'INSERT' | 'UPDATE' | 'DELETE', fn: string][] = [
  ['service_records', 'INSERT', 'score_records_inserted'],
  ['service_records', 'UPDATE', 'score_records_updated'],
  ['service_records', 'DELETE', 'score_records_deleted'],
  ['ratings', 'INSERT', 'score_ratings_inserted'],
  ['ratings', 'UPDATE', 'score_ratings_updated'],
  ['ratings', 'DELETE', 'score_ratings_deleted'],
  ['record_beneficiaries', 'INSERT', 'score_beneficiaries_inserted'],
  ['record_beneficiaries', 'UPDATE', 'score_beneficiaries_updated'],
  ['record_beneficiaries', 'DELETE', 'score_beneficiaries_deleted'],
];

const TRUNCATED = ['service_records', 'ratings', 'record_beneficiaries'];

/** Recomputes the four rollups from the base tables (the backfill; the bench seed after its bulk load). */
const REBUILD = `
  TRUNCATE score_record_days, score_rating_days, score_served, score_reach;
  ${recordDays(`SELECT project_id, started_at, ended_at, status, 1 AS sign FROM service_records`)};
  ${ratingDays(`SELECT record_id, created_at, (attitude + professionalism + effect) / 3.0 AS t, 1 AS sign FROM ratings`)};
  INSERT INTO score_served (project_id, community_id, last_at)
  SELECT project_id, community_id, max(started_at) FROM service_records WHERE status = 'approved' GROUP BY 1, 2;
  INSERT INTO score_reach (project_id, resident_user_id, last_at)
  SELECT r.project_id, b.resident_user_id, max(r.started_at) FROM record_beneficiaries b JOIN service_records r ON r.id = b.record_id
   WHERE b.response = 'confirmed' AND r.status = 'approved' GROUP BY 1, 2;
  ANALYZE score_record_days; ANALYZE score_rating_days; ANALYZE score_served; ANALYZE score_reach;`;

const fn = (name: string, body: string, returns = 'trigger') =>
  `CREATE FUNCTION ${name}() RETURNS ${returns} LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
BEGIN
${body}
${returns === 'trigger' ? 'RETURN NULL;' : ''}
END
$fn$`;

export class ScoreRollups1795643341069 implements MigrationInterface {
  name = 'ScoreRollups1795643341069';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "score_record_days" ("project_id" uuid NOT NULL, "day" date NOT NULL, "hscale" smallint NOT NULL, "approved" integer NOT NULL DEFAULT '0', "submitted" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "approved_hours" numeric NOT NULL DEFAULT '0', CONSTRAINT "PK_4d28b7ed98132b424d809703389" PRIMARY KEY ("project_id", "day", "hscale"))`,
    );
    await queryRunner.query(`CREATE INDEX "score_record_days_day_idx" ON "score_record_days"  ("day") `);
    await queryRunner.query(
      `CREATE TABLE "score_rating_days" ("project_id" uuid NOT NULL, "day" date NOT NULL, "tscale" smallint NOT NULL, "ratings" integer NOT NULL DEFAULT '0', "total" numeric NOT NULL DEFAULT '0', CONSTRAINT "PK_e463fc1dd6dabccf72e27d6bd2e" PRIMARY KEY ("project_id", "day", "tscale"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "score_served" ("project_id" uuid NOT NULL, "community_id" uuid NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0f568a00c7fc77dd4d97da6778f" PRIMARY KEY ("project_id", "community_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "score_reach" ("project_id" uuid NOT NULL, "resident_user_id" uuid NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_00876eefeeec836eb04b5ba0efe" PRIMARY KEY ("project_id", "resident_user_id"))`,
    );
    for (const [name, body] of FUNCTIONS) await queryRunner.query(fn(name, body));
    for (const [table, event, name] of TRIGGERS)
      await queryRunner.query(
        `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows'} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
      );
    await queryRunner.query(fn('score_rollups_rebuild', REBUILD, 'void'));
    // TRUNCATE fires no row or transition-table trigger: the rollups are rebuilt from what is left.
    await queryRunner.query(fn('score_rollups_truncated', 'PERFORM score_rollups_rebuild();'));
    for (const table of TRUNCATED)
      await queryRunner.query(
        `CREATE TRIGGER score_rollups_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_truncated()`,
      );
    await queryRunner.query(`SELECT score_rollups_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TRUNCATED)
      await queryRunner.query(`DROP TRIGGER score_rollups_truncated ON ${table}`);
    await queryRunner.query(`DROP FUNCTION score_rollups_truncated()`);
    await queryRunner.query(`DROP FUNCTION score_rollups_rebuild()`);
    for (const [table, , name] of TRIGGERS) await queryRunner.query(`DROP TRIGGER ${name} ON ${table}`);
    for (const [name] of FUNCTIONS) await queryRunner.query(`DROP FUNCTION ${name}()`);
    await queryRunner.query(`DROP TABLE "score_reach"`);
    await queryRunner.query(`DROP TABLE "score_served"`);
    await queryRunner.query(`DROP TABLE "score_rating_days"`);
    await queryRunner.query(`DROP INDEX "score_record_days_day_idx"`);
    await queryRunner.query(`DROP TABLE "score_record_days"`);
  }
}
