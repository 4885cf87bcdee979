// The virus scanner the tests and a development machine use: ClamAV's clamd from Debian, installed when
// missing (apt-get, as root, as scripts/test.mjs installs Chromium) and started when nothing answers at
// CLAMAV_URL (default tcp://127.0.0.1:3310), with a test signature database made here from the EICAR
// test string, so no download is needed: clamd then finds the EICAR file and nothing else.
// Production runs clamd with freshclam's signatures instead (docs/operations.md).
//
//   node scripts/clamav.mjs            install if missing, start if not answering, print its VERSION and signatures
//   node scripts/clamav.mjs --no-install   never install (a development machine without ClamAV)
// Exits 0 once clamd answers PING, 1 otherwise. Plain Node, no dependency: .ci/run calls it before npm ci.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, '.data/clamav');
/** Where Debian puts clamd; looked up when needed, as the install may have just put it there. */
const clamd = () => ['/usr/sbin/clamd', '/usr/bin/clamd'].find((p) => existsSync(p));
const SIGTOOL = '/usr/bin/sigtool';

/**
 * The EICAR anti-virus test file (eicar.org), assembled at run time so that this script is not itself
 * a file scanners flag. Every scanner reports it; it does nothing.
 */
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}', '$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** Sends one clamd command (zero-terminated form) and resolves with its answer, or null when nobody answers. */
export function clamdCommand(host, port, command, timeoutMs = 2000) {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const finish = (value) => {
      socket.destroy();
      done(value);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.once('connect', () => socket.write(`z${command}\0`));
    socket.on('data', (chunk) => (answer += chunk));
    socket.once('end', () => finish(answer.replace(/\0$/, '').trim()));
    socket.once('error', () => finish(null));
  });
}

/**
 * Which signatures a clamd's VERSION answer says it loaded: "ClamAV 1.4.6/27500/Thu Dec  3 08:34:02 2026"
 * carries the official daily database; a bare "ClamAV 1.4.6" is the test database made here (EICAR only).
 */
export function signaturesOf(version) {
  const [, daily, date] = (version ?? '').split('/');
  if (daily) return `official signatures, daily database ${daily}${date ? ` of ${date.trim()}` : ''}`;
  return 'test signatures only (the EICAR test file; real viruses are not detected)';
}

function target() {
  const url = new URL(process.env.CLAMAV_URL || 'tcp://127.0.0.1:3310');
  return { host: url.hostname, port: Number(url.port || 3310) };
}

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  return r.status === 0;
}

function install() {
  if (clamd() && existsSync(SIGTOOL)) return true;
  console.log('[clamav] installing Debian clamav-daemon');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return (
    sh('apt-get', ['update', '-qq'], { env }) &&
    sh('apt-get', ['install', '-y', '-qq', 'clamav-daemon'], { env })
  );
}

/**
 * A signature database holding the MD5 signature of the EICAR file (`sigtool --md5 eicar.com`, found
 * as `eicar.com.UNOFFICIAL`) and a body signature of its string, so the EICAR string inside a file of
 * an accepted type (a PDF) is found too (`EICAR.Embedded.UNOFFICIAL`).
 */
function testDatabase() {
  const db = join(DIR, 'db');
  mkdirSync(db, { recursive: true });
  const sample = join(DIR, 'eicar.com');
  writeFileSync(sample, EICAR);
  const sig = spawnSync(SIGTOOL, ['--md5', sample], { encoding: 'utf8' });
  if (sig.status !== 0) throw new Error(`sigtool failed: ${sig.stderr}`);
  writeFileSync(join(db, 'test.hdb'), sig.stdout);
  // And the EICAR string anywhere inside a file (an uploaded PDF carrying it), as a body signature.
  writeFileSync(join(db, 'test.ndb'), `EICAR.Embedded:0:*:${Buffer.from(EICAR).toString('hex')}\n`);
  return db;
}

function start({ host, port }) {
  const db = testDatabase();
  const conf = join(DIR, `clamd-${port}.conf`);
  writeFileSync(
    conf,
    [
      `TCPSocket ${port}`,
      `TCPAddr ${host}`,
      `DatabaseDirectory ${db}`,
      `PidFile ${join(DIR, `clamd-${port}.pid`)}`,
      `LogFile ${join(DIR, `clamd-${port}.log`)}`,
      'Foreground false',
      'StreamMaxLength 60M',
      'MaxFileSize 60M',
      'MaxScanSize 120M',
      'MaxThreads 4',
      'SelfCheck 0',
      '',
    ].join('\n'),
  );
  console.log(`[clamav] starting clamd on ${host}:${port} with the test signatures (${db})`);
  // Foreground false: clamd forks once its database is loaded and the socket listens.
  return sh(clamd(), ['-c', conf]);
}

export async function ensureClamd({ allowInstall = true } = {}) {
  const { host, port } = target();
  let version = await clamdCommand(host, port, 'VERSION');
  if (version) return version;
  if (!(allowInstall ? install() : clamd()))
    throw new Error('clamd is not installed (apt-get install clamav-daemon)');
  if (!start({ host, port })) throw new Error(`clamd did not start (see ${DIR})`);
  for (let i = 0; i < 60 && !version; i++) {
    version = await clamdCommand(host, port, 'VERSION');
    if (!version) await new Promise((r) => setTimeout(r, 500));
  }
  if (!version) throw new Error(`clamd does not answer at ${host}:${port}`);
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const version = await ensureClamd({ allowInstall: !process.argv.includes('--no-install') });
    console.log(`[clamav] ${version}: ${signaturesOf(version)}`);
  } catch (err) {
    console.error(`[clamav] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
