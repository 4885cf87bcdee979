import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MENU } from '../layout/menu';
import { enUSShell } from './en-US.shell';
import { zhCNShell } from './zh-CN.shell';

/** The keys a file asks for literally: t('key') or t('key', …). */
function keysIn(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]);
}

const app = join(__dirname, '..');
const sources = (dir: string) =>
  readdirSync(join(app, dir))
    .filter((f) => /\.(ts|html)$/.test(f) && !f.endsWith('.spec.ts'))
    .map((f) => join(app, dir, f));

describe("the shell's strings (first load)", () => {
  // What draws before the pages' strings arrive: the shell, its menu, the home page, the bell.
  const files = [...sources('layout'), ...sources('home'), join(app, 'notifications/notification-bell.ts')];

  it('hold every key the shell, its menu and the home page use', () => {
    const used = new Set([...files.flatMap(keysIn), ...MENU.map((item) => item.labelKey)]);
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !(key in zhCNShell))).toEqual([]);
  });

  it('are in both languages', () => {
    expect(Object.keys(enUSShell).sort()).toEqual(Object.keys(zhCNShell).sort());
  });
});
