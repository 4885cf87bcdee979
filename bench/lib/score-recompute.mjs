// The score's full recompute against a bare GROUP BY over the same records, in the same run (target: full
// <= 2 x bare), shared by the `scoring` and `scoring-freshness` benchmarks; and the description of the data
// both print. `db` is a TypeORM DataSource of the bench database, `scoring` the app's ScoringService on it.
import { cpus, totalmem } from 'node:os';
import { BENCH_DATABASE_URL, databaseName, median } from './common.mjs';

export const TARGET_RATIO = 2;

/** The bare aggregate: the same table, join to the organization and 12-month period as the score's records part. */
export const BARE_SQL = `
SELECT p.organization_id, sum(extract(epoch FROM r.ended_at - r.started_at) / 3600) AS hours, count(*) AS records
  FROM service_records r JOIN projects p ON p.id = r.project_id
 WHERE r.started_at >= $1::date - interval '12 months' AND r.started_at < $1::date + 1
 GROUP BY 1`;

export const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(8);

export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

/** The machine, the database and its data, as the header of a scoring benchmark; fails on an empty database. */
export async function describeData(db, periodEnd) {
  const [sizes] = await db.query(
    `SELECT
      (SELECT count(*)::int FROM organizations) AS orgs,
      (SELECT count(*)::int FROM organizations WHERE status = 'verified') AS verified,
      (SELECT count(DISTINCT organization_id)::int FROM projects) AS with_projects,
      (SELECT count(*)::int FROM projects) AS projects,
      (SELECT count(*)::int FROM service_records) AS records,
      (SELECT count(*)::int FROM service_records
        WHERE started_at >= $1::date - interval '12 months' AND started_at < $1::date + 1) AS in_period,
      (SELECT count(*)::int FROM ratings) AS ratings,
      (SELECT count(*)::int FROM record_beneficiaries) AS beneficiaries,
      (SELECT count(*)::int FROM record_beneficiaries WHERE response = 'confirmed') AS confirmed,
      (SELECT count(*)::int FROM milestones) AS milestones,
      (SELECT count(*)::int FROM organization_members) AS members,
      pg_size_pretty(pg_database_size(current_database())) AS size,
      current_setting('server_version') AS pg, current_setting('shared_buffers') AS shared_buffers,
      current_setting('work_mem') AS work_mem,
      current_setting('max_parallel_workers_per_gather') AS parallel`,
    [periodEnd],
  );
  if (sizes.records === 0)
    throw new Error(
      `${databaseName(BENCH_DATABASE_URL)} has no service records: npm run bench:seed -- --records 10000000`,
    );
  const cpu = cpus();
  return `  machine      ${cpu.length} cores (${cpu[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}
  database     ${databaseName(BENCH_DATABASE_URL)} (${sizes.size}), PostgreSQL ${sizes.pg}; shared_buffers ${sizes.shared_buffers}, work_mem ${sizes.work_mem}, max_parallel_workers_per_gather ${sizes.parallel}
  data         ${sizes.orgs} organizations (${sizes.verified} verified, ${sizes.with_projects} with a project), ${sizes.projects} projects, ${sizes.members} members
               ${sizes.records} service records (${sizes.in_period} in the period), ${sizes.beneficiaries} beneficiaries (${sizes.confirmed} confirmed), ${sizes.ratings} ratings, ${sizes.milestones} milestones
  period       12 months ending ${periodEnd} (today in China Standard Time, as the workers compute it)`;
}

/**
 * 1 warm-up and `rounds` measured rounds of the full recompute (ScoringService.recompute(periodEnd): every
 * verified organization, in its transaction) and of BARE_SQL, alternating which goes first; prints each round
 * and returns the medians.
 */
export async function fullVersusBare({ db, scoring, periodEnd, rounds }) {
  console.log(`  full         ScoringService.recompute(periodEnd) from backend/dist: the score statement for all verified organizations, in its transaction
  bare         ${BARE_SQL.trim().replace(/\s+/g, ' ')}
  rounds       1 warm-up + ${rounds} measured, full and bare alternating
`);
  const full = [];
  const bare = [];
  let written = 0;
  let groups = 0;
  for (let i = 0; i <= rounds; i++) {
    const order = i % 2 ? ['bare', 'full'] : ['full', 'bare'];
    const got = {};
    for (const side of order) {
      if (side === 'full') {
        const t = await timed(() => scoring.recompute(periodEnd));
        got.full = t.ms;
        written = t.result;
      } else {
        const t = await timed(() => db.query(BARE_SQL, [periodEnd]));
        got.bare = t.ms;
        groups = t.result.length;
      }
    }
    if (i > 0) {
      full.push(got.full);
      bare.push(got.bare);
    }
    console.log(
      `${i === 0 ? 'warm-up ' : `round ${i}  `}  full ${ms(got.full)} ms  bare ${ms(got.bare)} ms  ratio ${(got.full / got.bare).toFixed(2)}`,
    );
  }
  const fullMs = median(full);
  const bareMs = median(bare);
  const ratio = fullMs / bareMs;
  console.log(
    `median     full ${ms(fullMs)} ms  bare ${ms(bareMs)} ms  ratio ${ratio.toFixed(2)}   (full wrote ${written} snapshots; bare returned ${groups} groups)\n`,
  );
  return { fullMs, bareMs, ratio, rounds };
}

/** The verdict line of the full / bare target. */
export const ratioVerdict = ({ fullMs, bareMs, ratio }) =>
  `full / bare            ${ratio.toFixed(2)}   (full ${fullMs.toFixed(0)} ms, bare ${bareMs.toFixed(0)} ms)   target <= ${TARGET_RATIO}   ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`;
