// `npm run bench -- <scenario> [--flags]`: runs bench/scenarios/<scenario>.mjs against the benchmark
// database (`npm run bench:seed` fills it). A scenario module exports `description`, optional `flags`
// ({ name: help }) and `run(args)`. Adding a benchmark = adding a file under bench/scenarios/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, parseArgs, warnUnknownFlags } from './lib/common.mjs';

const DIR = join(ROOT, 'bench', 'scenarios');
const available = readdirSync(DIR)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -4))
  .sort();

const args = parseArgs(process.argv.slice(2));
const [name] = args._;
if (!name || !available.includes(name)) {
  if (name) console.error(`no benchmark "${name}"`);
  console.error('usage: npm run bench -- <scenario> [--flag value …]\n\nscenarios:');
  for (const s of available) {
    const m = await import(pathToFileURL(join(DIR, `${s}.mjs`)).href);
    console.error(`  ${s.padEnd(16)} ${m.description ?? ''}`);
    for (const [flag, help] of Object.entries(m.flags ?? {}))
      console.error(`    --${flag.padEnd(12)} ${help}`);
  }
  console.error('\n(fill the benchmark database first: npm run bench:seed)');
  process.exit(2);
}

const scenario = await import(pathToFileURL(join(DIR, `${name}.mjs`)).href);
warnUnknownFlags(args, Object.keys(scenario.flags ?? {}));
try {
  await scenario.run(args);
  process.exit(0);
} catch (err) {
  console.error(`\nbench ${name} failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
