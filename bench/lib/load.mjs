// The load generator: autocannon, used programmatically, in this process.
import autocannon from 'autocannon';
import { cpuMs, machineCpuMs, postgresCpuMs } from './processes.mjs';

/**
 * Drives `server` with `paths` (GETs; each connection loops over them in order), or with autocannon's
 * `requests` as given, for `duration` seconds and summarizes: requests per second, latency
 * percentiles (ms), failures, and the CPU the server process and PostgreSQL used meanwhile (in % of
 * one core).
 */
export async function drive({ server, paths, requests, connections, duration }) {
  const cpu0 = {
    server: cpuMs([server.pid]),
    pg: postgresCpuMs(),
    self: process.cpuUsage(),
    machine: machineCpuMs(),
  };
  const t0 = performance.now();
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: requests ?? paths.map((path) => ({ method: 'GET', path })),
  });
  const wall = performance.now() - t0;
  const self = process.cpuUsage(cpu0.self);
  const machine = machineCpuMs();
  const share = (ms) => Math.round((100 * ms) / wall);
  const serverCpu = share(cpuMs([server.pid]) - cpu0.server);
  const postgresCpu = share(postgresCpuMs() - cpu0.pg);
  const loadCpu = share((self.user + self.system) / 1000);
  const machineCpu = share(machine.busy - cpu0.machine.busy);
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
    serverCpu,
    postgresCpu,
    loadCpu,
    // anything else on the machine meanwhile (another build or test run skews the figures)
    otherCpu: Math.max(0, machineCpu - serverCpu - postgresCpu - loadCpu),
    // busy share of all cores together, whoever used them
    machineBusy: Math.round(
      (100 * (machine.busy - cpu0.machine.busy)) / (machine.total - cpu0.machine.total || 1),
    ),
  };
}

/** Terminal columns a string takes: CJK and full-width characters count two. */
const width = (s) =>
  [...s].reduce(
    (w, ch) =>
      w +
      (/[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
    0,
  );
const pad = (s, n, left) =>
  left ? s + ' '.repeat(Math.max(0, n - width(s))) : ' '.repeat(Math.max(0, n - width(s))) + s;

/** Renders rows (objects) as an aligned plain-text table with the given columns. */
export function table(rows, columns) {
  const cells = rows.map((r) => columns.map((c) => String(c.value(r))));
  const widths = columns.map((c, i) => Math.max(width(c.title), ...cells.map((row) => width(row[i]))));
  const line = (values) => values.map((v, i) => pad(v, widths[i], columns[i].left)).join('  ');
  return [
    line(columns.map((c) => c.title)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
  ].join('\n');
}
