// `npm run bench -- scoring`: the performance score's recomputation on the benchmark database (seed it with
// `npm run bench:seed -- --records 10000000`). Through the app's own code path (ScoringService.recompute from
// backend/dist, as the nightly job and the per-organization jobs call it), it times
//   1. the full recompute (every verified organization), against, in the same run, the bare aggregate over the
//      same table and period: `SELECT p.organization_id, sum(hours), count(*) FROM service_records JOIN projects
//      … GROUP BY 1` (target: full ÷ bare <= 2);
//   2. after inserting new records (10,000 by default, with their beneficiaries) for a few dozen organizations,
//      the incremental recompute the scoring worker then runs: one per-organization job each, due together,
//      which share one recompute (ScoreBatcher). Printed beside it, for comparison, the same organizations
//      recomputed one transaction each. No target: how fresh scores are under load is `scoring-freshness`.
//      The insert's transaction also runs the triggers that keep the score's rollups (migration ScoreRollups):
//      its time is printed, not counted.
// Rounds alternate full and bare; medians are reported. The inserted records are removed at the end (and at the
// start, should an earlier run have died), so runs can be repeated. A measurement: exits 0 whatever the verdict.
import { BENCH_DATABASE_URL, backend, median } from '../lib/common.mjs';
import { describeData, fullVersusBare, ms, ratioVerdict, timed } from '../lib/score-recompute.mjs';

export const description =
  'score recompute: full (all organizations) versus a bare GROUP BY, and the per-organization incremental run';
export const flags = {
  rounds: 'measured rounds of full + bare, and of the incremental run (default 5; one more warms up)',
  orgs: 'organizations the new records go to (default 40)',
  records: 'new records inserted before the incremental run (default 10000)',
  explain: 'also print EXPLAIN (ANALYZE, BUFFERS) of the full and of one per-organization statement',
};

/** Marks the rows this benchmark inserts (notes of its service records), to remove them afterwards. */
const TAG = 'bench:scoring';

async function removeInserted(db) {
  await db.query(`DELETE FROM ratings WHERE record_id IN (SELECT id FROM service_records WHERE notes = $1)`, [
    TAG,
  ]);
  const [{ n }] = await db.query(
    `WITH gone AS (DELETE FROM service_records WHERE notes = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [TAG],
  );
  return n;
}

export async function run(args) {
  const rounds = Number(args.rounds ?? 5);
  const orgCount = Number(args.orgs ?? 40);
  const newRecords = Number(args.records ?? 10_000);
  for (const [name, v] of Object.entries({ rounds, orgs: orgCount, records: newRecords }))
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} ${v}: not a positive count`);

  const { createDataSource } = await backend('database/data-source.js');
  const { ScoringService } = await backend('modules/scoring/scoring.service.js');
  const { ScoreBatcher } = await backend('modules/scoring/score-batcher.js');
  const { SCORE_SQL, scoreSettings } = await backend('modules/scoring/scoring.sql.js');
  const { scoringDay } = await backend('modules/scoring/scoring-day.js');
  const db = await createDataSource({
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_SCHEMA: 'public',
  }).initialize();
  const scoring = new ScoringService(db);
  const periodEnd = scoringDay();
  let orgIds = [];

  try {
    const leftover = await removeInserted(db);
    console.log(`scoring benchmark
${await describeData(db, periodEnd)}${leftover ? `\n  (removed ${leftover} records left by an earlier run)` : ''}`);

    // 1. Full versus bare.
    const recompute = await fullVersusBare({ db, scoring, periodEnd, rounds });
    const fullMs = recompute.fullMs;

    // 2. New records for a few organizations, then the per-organization jobs.
    const orgs = await db.query(
      `SELECT p.organization_id AS id, count(*)::int AS members
         FROM projects p JOIN project_members pm ON pm.project_id = p.id JOIN organizations o ON o.id = p.organization_id
        WHERE o.status = 'verified'
        GROUP BY 1 ORDER BY md5(p.organization_id::text) LIMIT $1`,
      [orgCount],
    );
    orgIds = orgs.map((o) => o.id);
    const members = orgs.reduce((n, o) => n + o.members, 0);
    const [before] = await db.query(
      `SELECT count(*)::int AS n FROM service_records r JOIN projects p ON p.id = r.project_id
        WHERE p.organization_id = ANY($1::uuid[]) AND r.started_at >= $2::date - interval '12 months' AND r.started_at < $2::date + 1`,
      [orgIds, periodEnd],
    );
    // Record k: member k mod W of those organizations' teams, in hour-long slot k div W of the two days before
    // today (the seeded history starts three days back), 30–55 minutes; 0–3 beneficiaries among the community's
    // residents. Submitted, as freshly logged records are.
    const perMember = Math.ceil(newRecords / members);
    if (perMember > 48)
      throw new Error(
        `${members} team members in ${orgCount} organizations: too few for ${newRecords} records (raise --orgs)`,
      );
    const insert = await timed(async () => {
      await db.transaction(async (m) => {
        await m.query(
          `CREATE TEMP TABLE t_new ON COMMIT DROP AS
           WITH team AS (
             SELECT row_number() OVER (ORDER BY pm.user_id) - 1 AS i, count(*) OVER () AS n, pm.project_id, pm.user_id,
                    (SELECT array_agg(oc.community_id ORDER BY oc.community_id) FROM organization_communities oc
                      WHERE oc.organization_id = p.organization_id) AS communities
               FROM project_members pm JOIN projects p ON p.id = pm.project_id
              WHERE p.organization_id = ANY($1::uuid[]))
           SELECT gen_random_uuid() AS id, t.project_id, t.user_id, k,
                  t.communities[1 + k % cardinality(t.communities)] AS community_id,
                  date_trunc('day', now()) - interval '2 days' + make_interval(hours => (k / t.n)::int) AS started_at,
                  make_interval(mins => 30 + 5 * (k % 6)::int) AS length
             FROM generate_series(0, $2::int - 1) k JOIN team t ON t.i = k % t.n`,
          [orgIds, newRecords],
        );
        await m.query(
          `INSERT INTO service_records (id, project_id, worker_user_id, activity_type, community_id, started_at, ended_at, notes, status)
           SELECT id, project_id, user_id, 'home_visit', community_id, started_at, started_at + length, $1, 'submitted' FROM t_new`,
          [TAG],
        );
        await m.query(
          `INSERT INTO record_beneficiaries (record_id, resident_user_id, response, responded_at)
           SELECT n.id, (res.residents)[1 + (n.k + 7 * j) % cardinality(res.residents)],
                  CASE WHEN j = 0 THEN 'confirmed' ELSE 'pending' END, CASE WHEN j = 0 THEN now() END
             FROM t_new n
             JOIN (SELECT region_id, array_agg(user_id ORDER BY user_id) AS residents FROM role_memberships
                    WHERE role = 'resident' GROUP BY 1) res ON res.region_id = n.community_id
             CROSS JOIN generate_series(0, 2) j
            WHERE j < n.k % 4`,
        );
      });
    });
    console.log(
      `inserted ${newRecords} records (with beneficiaries) for ${orgCount} organizations, ${members} team members, ` +
        `at most ${perMember} each (${insert.ms.toFixed(0)} ms, with the rollup triggers); those organizations had ${before.n} records in the period`,
    );

    // As the worker runs them: the jobs of the organizations, due together, each asking the batcher.
    let runs = 0;
    const batcher = new ScoreBatcher(async (ids) => {
      runs++;
      await scoring.recompute(periodEnd, ids);
    });
    const jobs = () => Promise.all(orgIds.map((id) => batcher.recompute(id)));
    const oneEach = async () => {
      for (const id of orgIds) await scoring.recompute(periodEnd, [id]);
    };
    const incremental = [];
    const separate = [];
    for (let i = 0; i <= rounds; i++) {
      const a = await timed(jobs);
      const b = await timed(oneEach);
      if (i > 0) {
        incremental.push(a.ms);
        separate.push(b.ms);
      }
      console.log(
        `${i === 0 ? 'warm-up ' : `round ${i}  `}  ${orgCount} per-organization jobs ${ms(a.ms)} ms  (one transaction each: ${ms(b.ms)} ms)`,
      );
    }
    const incMs = median(incremental);
    const incPct = incMs / fullMs;
    console.log(
      `median     ${orgCount} per-organization jobs ${ms(incMs)} ms = ${(100 * incPct).toFixed(2)} % of the full run, ` +
        `in ${runs / (rounds + 1)} shared recompute(s); one transaction each: ${median(separate).toFixed(1)} ms ` +
        `(${(median(separate) / orgCount).toFixed(1)} ms per organization)`,
    );
    // The fixed part: the same shared recompute for as many verified organizations without a project
    // (no records, ratings or contracts to read): planning, the other parts, the upsert and the transaction.
    const idle = (
      await db.query(
        `SELECT o.id FROM organizations o WHERE o.status = 'verified'
            AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.organization_id = o.id)
          ORDER BY md5(o.id::text) LIMIT $1`,
        [orgCount],
      )
    ).map((o) => o.id);
    const floor = [];
    for (let i = 0; i <= rounds && idle.length; i++) {
      const t = await timed(() => Promise.all(idle.map((id) => batcher.recompute(id))));
      if (i > 0) floor.push(t.ms);
    }
    if (floor.length)
      console.log(
        `fixed part: the same for ${idle.length} verified organizations without a project (nothing to read): ` +
          `${median(floor).toFixed(1)} ms = ${((100 * median(floor)) / fullMs).toFixed(2)} % of the full run`,
      );
    // Each organization's latest snapshot of the period, whatever the formula version.
    const [seen] = await db.query(
      `SELECT sum((inputs ->> 'records')::int)::int AS records FROM (
         SELECT DISTINCT ON (organization_id) inputs FROM score_snapshots
          WHERE organization_id = ANY($1::uuid[]) AND period_end = $2 ORDER BY organization_id, computed_at DESC) s`,
      [orgIds, periodEnd],
    );
    console.log(
      `check: their snapshots count ${seen.records} records (${before.n} + ${newRecords} new = ${before.n + newRecords}): ` +
        `${seen.records === before.n + newRecords ? 'yes' : 'NO'}`,
    );

    if (args.explain) {
      for (const [label, ids] of [
        ['full', null],
        ['one organization', [orgIds[0]]],
      ]) {
        await db
          .transaction(async (m) => {
            // the settings ScoringService.recompute applies, when this build has them
            if (scoreSettings) await m.query(scoreSettings(ids === null));
            const plan = await m.query(`EXPLAIN (ANALYZE, BUFFERS) ${SCORE_SQL}`, [periodEnd, ids]);
            console.log(`\nEXPLAIN (ANALYZE, BUFFERS) SCORE_SQL, ${label}, with its settings (rolled back):`);
            for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);
            throw Object.assign(new Error('rollback'), { rollback: true });
          })
          .catch((err) => {
            if (!err.rollback) throw err;
          });
      }
    }

    console.log(`
targets (medians of ${rounds} rounds):
  ${ratioVerdict(recompute)}
  (the incremental figures above have no target: how soon an organization's score follows a write, under
   load, is \`npm run bench -- scoring-freshness\`)
(a measurement: the exit code is 0 whatever the verdict)`);
  } finally {
    const removed = await removeInserted(db);
    if (removed) {
      // Their scores back to the database without the inserted records.
      if (orgIds.length) await scoring.recompute(periodEnd, orgIds);
      console.log(`removed the ${removed} inserted records and recomputed those organizations' scores`);
    }
    await db.destroy();
  }
}
