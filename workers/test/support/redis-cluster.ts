import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../../../backend/test/support/wait.js';

const run = promisify(execFile);

export interface RedisCluster {
  /** The seed nodes, as REDIS_CLUSTER_NODES takes them. */
  nodes: string;
  /** Stops every server and deletes their folder. */
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster on this machine: one master per port (no replicas), in memory, its node
 * files in a temporary folder. Needs redis-server and redis-cli (Debian's redis-server package).
 */
export async function startRedisCluster(ports: number[]): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'sanshe-redis-cluster-'));
  const output: string[] = [];
  const servers: ChildProcess[] = ports.map((port) => {
    // In memory only (no RDB, no AOF); the node file a cluster node must have goes to the folder.
    const server = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'],
        ...['--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir],
        ...['--daemonize', 'no', '--save', '', '--appendonly', 'no'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.on('error', (err) => output.push(`[${port}] ${err}\n`));
    server.stdout?.on('data', (d: Buffer) => output.push(`[${port}] ${d}`));
    server.stderr?.on('data', (d: Buffer) => output.push(`[${port}] ${d}`));
    return server;
  });
  const stop = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null)
              return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  const cli = (...args: string[]) => run('redis-cli', args).then((r) => r.stdout);
  try {
    await waitFor(async () => {
      const exited = servers.find((s) => s.pid === undefined || s.exitCode !== null);
      if (exited) throw new Error(`redis-server stopped:\n${output.join('')}`);
      const answers = await Promise.all(ports.map((p) => cli('-p', String(p), 'ping').catch(() => '')));
      return answers.every((a) => a.trim() === 'PONG');
    }, 'the Redis servers to start');
    await cli(
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    );
    await waitFor(async () => {
      const infos = await Promise.all(ports.map((p) => cli('-p', String(p), 'cluster', 'info')));
      return infos.every((info) => info.includes('cluster_state:ok'));
    }, 'the cluster to be ok');
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes: ports.map((p) => `127.0.0.1:${p}`).join(','), stop };
}
