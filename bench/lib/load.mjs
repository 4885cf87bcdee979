// The load generator: autocannon, used programmatically, in this process.
import autocannon from 'autocannon';
import { cpuMs, machineCpuMs, postgresPids } from './processes.mjs';

/**
 * Drives `server` with `paths` (each connection loops over them in order) for `duration` seconds and
 * summarizes: requests per second, latency percentiles (ms), failures, and the CPU the server process
 * and PostgreSQL used meanwhile (in % of one core).
 */
export async function drive({ server, paths, connections, duration }) {
  const pgPids = postgresPids();
  const cpu0 = { server: cpuMs([server.pid]), pg: cpuMs(pgPids), self: process.cpuUsage(), machine: machineCpuMs() };
  const t0 = performance.now();
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const wall = performance.now() - t0;
  const self = process.cpuUsage(cpu0.self);
  const share = (ms) => Math.round((100 * ms) / wall);
  const machine = machineCpuMs();
  return {
    server: server.name,
    duration: result.duration,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverCpu: share(cpuMs([server.pid]) - cpu0.server),
    postgresCpu: share(cpuMs(pgPids) - cpu0.pg),
    loadCpu: share((self.user + self.system) / 1000),
    // busy share of all cores together, whoever used them
    machineBusy: Math.round((100 * (machine.busy - cpu0.machine.busy)) / (machine.total - cpu0.machine.total || 1)),
  };
}

/** Renders rows (objects) as an aligned plain-text table with the given columns. */
export function table(rows, columns) {
  const cells = rows.map((r) => columns.map((c) => String(c.value(r))));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i].length)));
  const line = (values) =>
    values.map((v, i) => (columns[i].left ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join(
    '\n',
  );
}
