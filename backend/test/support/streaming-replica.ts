import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { waitFor } from './wait.js';

const run = promisify(execFile);

/** Debian's newest PostgreSQL server programs (initdb, pg_ctl, pg_basebackup). */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(`no PostgreSQL server in ${root} (Debian: apt-get install postgresql)`);
  return join(root, versions[0], 'bin');
}

/**
 * A throw-away primary (initdb) and its streaming replica (pg_basebackup -R), both on loopback,
 * in one temporary folder. PostgreSQL refuses to run as root, so as root the programs run as the
 * `postgres` user. `stop` stops both and removes the folder.
 */
export class StreamingPair {
  private constructor(
    private readonly dir: string,
    private readonly bin: string,
    private readonly asPostgres: boolean,
    readonly ports: { primary: number; replica: number },
  ) {}

  static async start(ports: { primary: number; replica: number }): Promise<StreamingPair> {
    const asRoot = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'sanshe-replica-'));
    const pair = new StreamingPair(dir, serverBin(), asRoot, ports);
    try {
      if (asRoot) {
        const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
        chownSync(dir, await id('-u'), await id('-g'));
      }
      const primary = join(dir, 'primary');
      await pair.pg('initdb', [
        '-D',
        primary,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]);
      // initdb's pg_hba lets loopback replication connections in with trust; wal_level is replica by default.
      await pair.pgCtlStart(
        primary,
        ports.primary,
        '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      );
      const replica = join(dir, 'replica');
      await pair.pg('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(ports.primary),
        '-U',
        'postgres',
        '-D',
        replica,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '--no-sync',
      ]);
      await pair.pgCtlStart(replica, ports.replica, '-c fsync=off');
      return pair;
    } catch (err) {
      await pair.stop();
      throw err;
    }
  }

  url(server: 'primary' | 'replica', database: string): string {
    return `postgres://postgres@127.0.0.1:${this.ports[server]}/${database}`;
  }

  /** Runs `sql` on one server's `postgres` database. */
  async query<T = Record<string, unknown>>(server: 'primary' | 'replica', sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(server, 'postgres') });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  /** Waits until the replica has replayed everything the primary has written so far. */
  async caughtUp(): Promise<void> {
    const [{ lsn }] = await this.query<{ lsn: string }>(
      'primary',
      'SELECT pg_current_wal_insert_lsn()::text AS lsn',
    );
    await waitFor(
      async () =>
        (
          await this.query<{ done: boolean }>(
            'replica',
            `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`,
          )
        )[0].done,
      'the replica to replay the primary',
    );
  }

  /** Stops replaying WAL on the replica: it keeps answering, with what it had. */
  pauseReplay = () => this.query('replica', 'SELECT pg_wal_replay_pause()');
  resumeReplay = () => this.query('replica', 'SELECT pg_wal_replay_resume()');

  /** Stops the replica alone, as a crash would. */
  stopReplica = () => this.pg('pg_ctl', ['-D', join(this.dir, 'replica'), '-m', 'immediate', '-w', 'stop']);

  async stop(): Promise<void> {
    for (const server of ['replica', 'primary'])
      if (existsSync(join(this.dir, server, 'postmaster.pid')))
        await this.pg('pg_ctl', ['-D', join(this.dir, server), '-m', 'immediate', '-w', 'stop']).catch(
          () => undefined,
        );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pgCtlStart(dataDir: string, port: number, settings: string): Promise<void> {
    const log = `${dataDir}.log`;
    try {
      await this.pg('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        log,
        '-w',
        '-t',
        '30',
        '-o',
        `-p ${port} -k ${this.dir} -c listen_addresses=127.0.0.1 ${settings}`,
        'start',
      ]);
    } catch (err) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${(err as Error).message}\n${tail}`, { cause: err });
    }
  }

  private pg(tool: string, args: string[]) {
    const program = join(this.bin, tool);
    return this.asPostgres
      ? run('runuser', ['-u', 'postgres', '--', program, ...args], { cwd: this.dir })
      : run(program, args, { cwd: this.dir });
  }
}
