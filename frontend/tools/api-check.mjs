// Staleness check for the generated API client: generates from ../docs/openapi.json into a temp
// folder, formats it as `api:generate` does (prettier, the repo's config) and fails when that
// differs from the committed src/app/api.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'ng-openapi-gen.json'), 'utf8'));
const input = resolve(root, config.input);
const committed = resolve(root, config.output);
const fix = 'Run `npm run api:generate` (root: exports the spec, then generates) and commit src/app/api.';

if (!existsSync(input)) {
  console.error(`api:check: ${relative(process.cwd(), input)} does not exist. ${fix}`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const generator = join(dirname(require.resolve('ng-openapi-gen/package.json')), 'lib/index.js');
const fresh = mkdtempSync(join(tmpdir(), 'api-check-'));

function files(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), base) : [relative(base, join(dir, e.name))],
  );
}

try {
  const run = spawnSync(
    process.execPath,
    [generator, '--config', join(root, 'ng-openapi-gen.json'), '--input', input, '--output', fresh],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(`api:check: ng-openapi-gen failed:\n${run.stdout}${run.stderr}`);
    process.exit(1);
  }
  const want = files(fresh).sort();
  const have = files(committed).sort();
  // Format as if the files sat in src/app/api, so the committed copy's prettier config applies.
  const prettierOptions = (await prettier.resolveConfig(join(committed, 'api.ts'))) ?? {};
  const expected = new Map();
  for (const f of want) {
    const source = readFileSync(join(fresh, f), 'utf8');
    expected.set(f, await prettier.format(source, { ...prettierOptions, filepath: join(committed, f) }));
  }
  const problems = [
    ...want.filter((f) => !have.includes(f)).map((f) => `missing: ${f}`),
    ...have.filter((f) => !want.includes(f)).map((f) => `not generated any more: ${f}`),
    ...want
      .filter((f) => have.includes(f))
      .filter((f) => expected.get(f) !== readFileSync(join(committed, f), 'utf8'))
      .map((f) => `differs: ${f}`),
  ];
  if (problems.length > 0) {
    console.error(`api:check: src/app/api is stale against ${relative(root, input)}:`);
    for (const p of problems) console.error(`  ${p}`);
    console.error(fix);
    process.exit(1);
  }
  console.log(`api:check: src/app/api is up to date with ${relative(root, input)} (${want.length} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
