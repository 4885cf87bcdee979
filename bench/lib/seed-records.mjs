// The historical service records of `npm run bench:seed --records N`, with their beneficiaries and ratings:
// set-based (INSERT … SELECT over generate_series, one statement per chunk writing the three tables), from
// several connections at once, with the three tables' indexes and constraints dropped for the load and put
// back from the very definitions the catalog held before (pg_get_indexdef / pg_get_constraintdef), which is
// checked at the end. The score's rollup triggers on those tables (migration ScoreRollups) are disabled for the
// load and the rollups rebuilt afterwards with the migration's own score_rollups_rebuild(), set-based.
import pg from 'pg';

/** The tables the load writes: their indexes and constraints (and foreign keys pointing at them) are rebuilt. */
const TABLES = ['service_records', 'record_beneficiaries', 'ratings'];
/** Record numbers per statement. */
const CHUNK = 500_000;
/** Days of history: records lie 3 to 3 + DAYS - 1 days before today (inside the scores' 12-month window). */
const DAYS = 360;
/** Of the records neither rejected nor without beneficiaries (95 % × 75 %), the share rated: 20 % of all. */
const RATED = 0.2 / (0.95 * 0.75);

/** The seed's deterministic pseudo-random helpers, created in each session's pg_temp. */
export const RANDOM_FUNCTIONS = [
  // r(salt, n): a deterministic pseudo-random number in [0, 1). uid(kind, n): a stable v4-shaped UUID.
  `CREATE FUNCTION pg_temp.r(salt text, n bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
   $$ SELECT ('x' || substr(md5(salt || ':' || n), 1, 8))::bit(32)::bigint::float8 / 4294967296 $$`,
  `CREATE FUNCTION pg_temp.uid(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
   $$ SELECT overlay(overlay(md5('bench-' || kind || '-' || n) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`,
  // pick(salt, n, k): 1 + a deterministic pseudo-random integer below k (an array index).
  `CREATE FUNCTION pg_temp.pick(salt text, n bigint, k int) RETURNS int LANGUAGE sql IMMUTABLE AS
   $$ SELECT 1 + floor(pg_temp.r(salt, n) * k)::int $$`,
  // d(h, i): the i-th (0–7) 16-bit draw in [0, 1) of an md5 hex string: eight draws for one md5.
  `CREATE FUNCTION pg_temp.d(h text, i int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
   $$ SELECT ('x' || substr(h, 1 + 4 * i, 4))::bit(16)::int::float8 / 65536 $$`,
];

/** The DDL that recreates the tables' indexes and constraints, as the catalog defines them now. */
async function schemaObjects(db) {
  const { rows } = await db.query(
    `SELECT 'constraint' AS kind, c.conrelid::regclass::text AS tbl, c.conname::text AS name, c.contype::text AS type,
            format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS create
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f', 'x')
        AND (c.conrelid = ANY($1::regclass[]) OR (c.contype = 'f' AND c.confrelid = ANY($1::regclass[])))
     UNION ALL
     SELECT 'index', i.indrelid::regclass::text, i.indexrelid::regclass::text, 'i',
            format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2, 3`,
    [TABLES],
  );
  return rows;
}

/** The user triggers of the loaded tables (the score's rollups) and whether they fire: disabled for the load. */
async function userTriggers(db) {
  const { rows } = await db.query(
    `SELECT t.tgrelid::regclass::text AS tbl, t.tgname::text AS name, t.tgenabled::text AS enabled
       FROM pg_trigger t WHERE t.tgrelid = ANY($1::regclass[]) AND NOT t.tgisinternal ORDER BY 1, 2`,
    [TABLES],
  );
  return rows;
}

/** Runs async jobs on `n` workers, each job handed the worker's index. */
async function pool(n, jobs) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async (_, w) => {
      while (next < jobs.length) await jobs[next++](w);
    }),
  );
}

async function session(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET work_mem = '256MB'`);
  await db.query(`SET maintenance_work_mem = '1GB'`);
  for (const f of RANDOM_FUNCTIONS) await db.query(f);
  return db;
}

/**
 * Record k goes to team member i = (k − 1) mod M (M = project members, ordered by user id), as its s-th record,
 * s = (k − 1) div M. A member's history has DAYS × S slots, S a day (2, more only when a member needs more than
 * 2 × DAYS records), each day's 08:00–20:00 UTC cut into S windows; the s-th record takes slot
 * floor(s × DAYS × S ÷ P) (P = records per member, rounded up), so a member's records are spread over the whole
 * year, one per slot. In its window a record starts at an offset below half the window and lasts at most
 * half of it (1–3 h when S = 2): a member's records never overlap.
 */
export async function seedRecords({ url, records, residentsPerCommunity, step, loaders = 2 }) {
  const main = await session(url);
  const started = Date.now();
  const { rows: team } = await main.query(`SELECT count(*)::int AS m FROM project_members`);
  const M = team[0].m;
  if (M === 0) throw new Error('no project members: nobody to log the records');
  const perMember = Math.ceil(records / M);
  const S = Math.max(2, Math.ceil(perMember / DAYS));
  if (S > 24) throw new Error(`--records ${records}: more than 24 records a day per project member`);
  const W = Math.floor(720 / S);

  const before = await schemaObjects(main);
  for (const o of [...before].sort((a, b) => (a.type === 'f' ? -1 : 1) - (b.type === 'f' ? -1 : 1)))
    await main.query(o.drop);
  const triggers = await userTriggers(main);
  for (const t of triggers) await main.query(`ALTER TABLE ${t.tbl} DISABLE TRIGGER ${t.name}`);
  step(
    `dropped for the load: ${before.filter((o) => o.kind === 'index').length} indexes, ` +
      `${before.filter((o) => o.kind === 'constraint').length} constraints of ${TABLES.join(', ')}; ` +
      `disabled ${triggers.length} triggers (the score's rollups)`,
  );

  const sessions = [];
  for (let w = 0; w < loaders; w++) {
    const db = await session(url);
    await db.query(
      `CREATE TEMP TABLE t_team AS
       WITH served AS (
         SELECT oc.organization_id, array_agg(oc.community_id ORDER BY oc.community_id) AS communities,
                array_agg(cn.n ORDER BY oc.community_id) AS community_nos
           FROM organization_communities oc
           JOIN (SELECT pg_temp.uid('community', n) AS id, n FROM generate_series(1, 10000) n) cn ON cn.id = oc.community_id
          GROUP BY 1)
       SELECT row_number() OVER (ORDER BY pm.user_id) - 1 AS i, pm.project_id, pm.user_id, p.lead_user_id,
              sv.communities, sv.community_nos
         FROM project_members pm JOIN projects p ON p.id = pm.project_id
         JOIN served sv ON sv.organization_id = p.organization_id`,
    );
    await db.query(`CREATE UNIQUE INDEX ON t_team (i)`);
    await db.query(`ANALYZE t_team`);
    sessions.push(db);
  }

  const chunks = [];
  for (let a = 1; a <= records; a += CHUNK) chunks.push([a, Math.min(records, a + CHUNK - 1)]);
  const totals = { beneficiaries: 0, ratings: 0 };
  await pool(
    loaders,
    chunks.map(([a, b]) => async (w) => {
      const t0 = Date.now();
      const { rows } = await sessions[w].query(
        `WITH g AS MATERIALIZED (
           SELECT x.k, pg_temp.uid('record', x.k) AS id, t.project_id, t.user_id, t.lead_user_id,
                  t.communities[y.c] AS community_id, t.community_nos[y.c] AS cn, x.h2,
                  date_trunc('day', now())
                    - make_interval(days => 3 + y.slot / $4::int)
                    + make_interval(mins => 480 + (y.slot % $4::int) * $5::int + floor(pg_temp.d(x.h1, 1) * ($5::int / 2))::int)
                    AS started_at,
                  make_interval(mins => least($5::int / 2, 60 + 30 * floor(pg_temp.d(x.h1, 2) * 5)::int)) AS length,
                  CASE WHEN pg_temp.d(x.h1, 3) < 0.70 THEN 'approved' WHEN pg_temp.d(x.h1, 3) < 0.75 THEN 'rejected'
                       ELSE 'submitted' END AS status,
                  floor(pg_temp.d(x.h1, 4) * 4)::int AS nbenef,
                  ($6::text[])[1 + floor(pg_temp.d(x.h1, 5) * cardinality($6::text[]))::int] AS activity,
                  floor(pg_temp.d(x.h1, 6) * 6)::int AS anon,
                  make_interval(hours => 1 + floor(pg_temp.d(x.h1, 7) * 20)::int) AS log_delay
             FROM (SELECT k, md5('rec1-' || k) AS h1, md5('rec2-' || k) AS h2
                     FROM generate_series($1::bigint, $2::bigint) k) x
             JOIN t_team t ON t.i = (x.k - 1) % $3::int
             CROSS JOIN LATERAL (
               SELECT 1 + floor(pg_temp.d(x.h1, 0) * cardinality(t.communities))::int AS c,
                      floor(((x.k - 1) / $3::int) * ($7::bigint * $4::int) / $8::numeric)::int AS slot) y
         ), rec AS (
           INSERT INTO service_records (id, project_id, worker_user_id, activity_type, community_id, started_at,
             ended_at, anonymous_count, location, notes, status, decided_by, created_at)
           SELECT id, project_id, user_id, activity, community_id, started_at, started_at + length, anon, '', '',
                  status, CASE WHEN status <> 'submitted' THEN lead_user_id END, started_at + length + log_delay
             FROM g
         ), ben AS (
           -- 0–3 of the community's residents, distinct ((base + 7j) mod R); 60 % confirmed
           INSERT INTO record_beneficiaries (record_id, resident_user_id, response, responded_at)
           SELECT g.id,
                  pg_temp.uid('resident', (g.cn - 1) * $9::int + (floor(pg_temp.d(g.h2, 0) * $9::int)::int + 7 * j) % $9::int + 1),
                  CASE WHEN pg_temp.d(g.h2, 1 + j) < 0.6 THEN 'confirmed' ELSE 'pending' END,
                  CASE WHEN pg_temp.d(g.h2, 1 + j) < 0.6 THEN g.started_at + g.length + g.log_delay + interval '1 day' END
             FROM g CROSS JOIN generate_series(0, 2) j
            WHERE j < g.nbenef
           RETURNING 1
         ), rat AS (
           -- by the first beneficiary, a few hours after the record was logged; mostly 4 and 5
           INSERT INTO ratings (id, record_id, resident_user_id, attitude, professionalism, effect, created_at, updated_at)
           SELECT pg_temp.uid('rating', g.k), g.id,
                  pg_temp.uid('resident', (g.cn - 1) * $9::int + floor(pg_temp.d(g.h2, 0) * $9::int)::int + 1),
                  5 - floor(power(pg_temp.d(g.h2, 5), 2) * 5)::int, 5 - floor(power(pg_temp.d(g.h2, 6), 2) * 5)::int,
                  5 - floor(power(pg_temp.d(g.h2, 7), 2) * 5)::int,
                  g.started_at + g.length + g.log_delay + make_interval(hours => 1 + floor(pg_temp.d(g.h1x, 0) * 24)::int),
                  g.started_at + g.length + g.log_delay + make_interval(hours => 1 + floor(pg_temp.d(g.h1x, 0) * 24)::int)
             FROM (SELECT g.*, md5('rec3-' || g.k) AS h1x FROM g) g
            WHERE g.status <> 'rejected' AND g.nbenef > 0 AND pg_temp.d(g.h2, 4) < $10::float8
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM ben)::int AS beneficiaries, (SELECT count(*) FROM rat)::int AS ratings`,
        [
          a,
          b,
          M,
          S,
          W,
          ['home_visit', 'casework', 'group_work', 'community_activity', 'consultation', 'other'],
          DAYS,
          perMember,
          residentsPerCommunity,
          RATED,
        ],
      );
      totals.beneficiaries += rows[0].beneficiaries;
      totals.ratings += rows[0].ratings;
      step(
        `service records ${a}–${b}: ${b - a + 1} records, ${rows[0].beneficiaries} beneficiaries, ` +
          `${rows[0].ratings} ratings (${Date.now() - t0} ms, loader ${w + 1})`,
      );
    }),
  );
  step(
    `loaded ${records} records, ${totals.beneficiaries} beneficiaries, ${totals.ratings} ratings ` +
      `(${M} members, ${S} slots a day, ${loaders} connections, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  // Back as they were: each table's indexes and constraints on one connection (ADD CONSTRAINT locks the
  // table), the tables in parallel; the foreign keys last, when the keys they point at exist.
  const rebuild = async (objects) => {
    const byTable = new Map();
    for (const o of objects) byTable.set(o.tbl, [...(byTable.get(o.tbl) ?? []), o]);
    const order = [...byTable.values()].sort((x, y) => y.length - x.length);
    await pool(
      loaders,
      order.map((list) => async (w) => {
        for (const o of list) {
          const t0 = Date.now();
          await sessions[w].query(o.create);
          step(`${o.kind === 'index' ? 'index' : 'constraint'} ${o.tbl}.${o.name} (${Date.now() - t0} ms)`);
        }
      }),
    );
  };
  await rebuild(before.filter((o) => o.type !== 'f'));
  await rebuild(before.filter((o) => o.type === 'f'));
  const after = await schemaObjects(main);
  const same = JSON.stringify(after.map((o) => o.create)) === JSON.stringify(before.map((o) => o.create));
  if (!same) throw new Error('the indexes and constraints put back differ from the migrations’ ones');
  step(`indexes and constraints back, identical to the migrations' (${after.length} definitions compared)`);

  for (const t of triggers) await main.query(`ALTER TABLE ${t.tbl} ENABLE TRIGGER ${t.name}`);
  if (JSON.stringify(await userTriggers(main)) !== JSON.stringify(triggers))
    throw new Error('the triggers enabled again differ from the migrations’ ones');
  if (triggers.length) {
    const t0 = Date.now();
    await main.query(`SELECT score_rollups_rebuild()`);
    step(`${triggers.length} triggers enabled again; the score's rollups rebuilt (${Date.now() - t0} ms)`);
  }

  await pool(
    loaders,
    TABLES.map((t) => async (w) => {
      const t0 = Date.now();
      await sessions[w].query(`VACUUM (ANALYZE) ${t}`);
      step(`vacuumed and analyzed ${t} (${Date.now() - t0} ms)`);
    }),
  );
  for (const db of [main, ...sessions]) await db.end();
  return totals;
}
