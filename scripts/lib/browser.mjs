// The browser of the browser tests and of the web benchmark: Debian's Chromium, with CJK fonts so
// that pages and screenshots show real Chinese glyphs, not boxes. Installed with apt-get when missing.
// The backend suites need the same fonts: volunteer certificates embed Noto Sans CJK for names.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { log } from './stack.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Each Debian package, by a file it installs. */
const PACKAGES = {
  chromium: '/usr/bin/chromium',
  'fonts-noto-cjk': '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
};

function sh(command, args, env) {
  log('apt', `${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
}

/** Installs those of `packages` whose file is missing. */
function ensurePackages(packages) {
  const missing = packages.filter((pkg) => !existsSync(PACKAGES[pkg]));
  if (!missing.length) return;
  log('apt', `installing ${missing.join(' and ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!sh('apt-get', ['update', '-qq'], env) || !sh('apt-get', ['install', '-y', '-qq', ...missing], env))
    throw new Error(`could not install ${missing.join(' and ')} (apt-get install ${missing.join(' ')})`);
}

export const ensureBrowser = () => ensurePackages(Object.keys(PACKAGES));

/** The CJK fonts alone (CERTIFICATE_FONT's default), for the backend suites. */
export const ensureCjkFonts = () => ensurePackages(['fonts-noto-cjk']);
