import { spawnSync } from 'node:child_process';

/** The EICAR anti-virus test string, assembled here so that no file of the repository is one scanners flag. */
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}', '$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/**
 * A real clamd for the suite: the one answering at TEST_CLAMAV_URL (else CLAMAV_URL, else
 * tcp://127.0.0.1:3310), or
 * one started there by scripts/clamav.mjs (installed from Debian when missing) with the test
 * signatures made from EICAR. Returns its URL, for CLAMAV_URL.
 */
export function startClamd(): string {
  const url = process.env.TEST_CLAMAV_URL ?? process.env.CLAMAV_URL ?? 'tcp://127.0.0.1:3310';
  const script = new URL('../../../scripts/clamav.mjs', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [script], {
    env: { ...process.env, CLAMAV_URL: url },
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  if (run.status !== 0) throw new Error(`clamd could not be started at ${url}:\n${run.stdout}${run.stderr}`);
  return url;
}
