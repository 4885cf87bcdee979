import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { FEATURES, PAGE_PARTS, type PagePart } from './parts';
import { zhCN } from './zh-CN';
import { zhCNShell } from './zh-CN.shell';

const app = join(__dirname, '..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The files a source brings with it: its static value imports under src/app and its template. */
function dependencies(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm),
    ...text.matchAll(/templateUrl:\s*['"](\.[^'"]+)['"]/g),
  ].map((m) => resolve(dirname(file), m[1]));
  return specs.flatMap((p) =>
    [p, `${p}.ts`, join(p, 'index.ts')].filter((c) => /\.(ts|html)$/.test(c) && existsSync(c)).slice(0, 1),
  );
}

/** The keys a feature's pages may draw: named in its files or the files they bring, or by a `prefix.${…}`. */
function keysDrawnBy(feature: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || relative(app, file).startsWith('i18n/')) return;
    seen.add(file);
    dependencies(file).forEach(visit);
  };
  sourcesUnder(join(app, feature)).forEach(visit);
  const all = Object.keys(zhCN);
  return [...seen].flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const named = [...text.matchAll(/['"`]([A-Za-z][\w-]*(?:\.[\w-]+)+)['"`]/g)].map((m) => m[1]);
    const prefixes = [...text.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)].map((m) => m[1]);
    return [...named.filter((k) => k in zhCN), ...all.filter((k) => prefixes.some((p) => k.startsWith(p)))];
  });
}

const keysOf = async (part: PagePart, lang: 'zh-CN' | 'en-US') => Object.keys(await PAGE_PARTS[part][lang]());
const parts = Object.keys(PAGE_PARTS) as PagePart[];

describe("the pages' strings (one part per feature, and common)", () => {
  it.each([...FEATURES])(
    "hold every key the %s pages draw in the shell's, the common or its part",
    async (feature) => {
      const loaded = new Set([
        ...Object.keys(zhCNShell),
        ...(await keysOf('common', 'zh-CN')),
        ...(feature in PAGE_PARTS ? await keysOf(feature as PagePart, 'zh-CN') : []),
      ]);
      const drawn = [...new Set(keysDrawnBy(feature))];
      expect(drawn.length).toBeGreaterThan(0);
      expect(drawn.filter((key) => !loaded.has(key))).toEqual([]);
    },
  );

  it.each(parts)('has the %s part in both languages, with no key in two parts', async (part) => {
    const zh = await keysOf(part, 'zh-CN');
    expect((await keysOf(part, 'en-US')).sort()).toEqual([...zh].sort());
    const elsewhere = new Set([
      ...Object.keys(zhCNShell),
      ...(await Promise.all(parts.filter((p) => p !== part).map((p) => keysOf(p, 'zh-CN')))).flat(),
    ]);
    expect(zh.filter((key) => elsewhere.has(key))).toEqual([]);
  });

  it("has each route load its own feature's part", () => {
    const routes = readFileSync(join(app, 'app.routes.ts'), 'utf8');
    const pairs = [...routes.matchAll(/(?:page\('[\w-]+', |more\()'(\w+)', \(\) =>\s*import\('\.\/(\w+)\//g)];
    expect(pairs.length).toBeGreaterThan(30);
    expect(pairs.filter(([, feature, dir]) => feature !== dir).map((m) => m[0])).toEqual([]);
  });

  it("has a feature's route to another feature's page bring that feature's part too", () => {
    const crossings = FEATURES.flatMap((feature) => {
      const file = join(app, feature, `${feature}.routes.ts`);
      if (!existsSync(file)) return [];
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/import\('\.\.\/(\w+)\//g)].map(([, dir]) => ({ file, dir, text }));
    });
    expect(crossings.length).toBeGreaterThan(0); // the directory's score page
    const missing = crossings.filter(({ dir, text }) => !text.includes(`withPageStrings('${dir}'`));
    expect(missing.map(({ file, dir }) => `${relative(app, file)} → ${dir}`)).toEqual([]);
  });
});
