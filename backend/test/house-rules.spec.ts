import { readdirSync, readFileSync } from 'node:fs';

// The house rules of docs/contributing.md that a machine can check, over backend/src. Today's
// offenders are listed in house-rules.known.json (also read by eslint.config.mjs): the lists may
// only shrink, so a listed file that no longer offends fails here until its entry is deleted.
const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

const known = JSON.parse(read('backend/test/house-rules.known.json')) as {
  infrastructure: Record<string, string>;
  longServices: Record<string, number>;
  queryOutsideSql: string[];
  fenAsFloat8: string[];
};

const SOURCES = (readdirSync(new URL('backend/src/', ROOT), { recursive: true }) as string[])
  .map((f) => `backend/src/${f.split('\\').join('/')}`)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .sort();

const MAX_SERVICE_LINES = 350;
const lineCount = (text: string) => text.replace(/\n+$/, '').split('\n').length;

/** A statement run by hand: `.query(` on a DataSource, an EntityManager or a query runner. */
const runsSql = (text: string) => /\.query\s*\(/.test(text);

/** Where `.query(` belongs: the .sql.ts files, the migrations, the seeds, and the listed infrastructure. */
const sqlMayRunIn = (file: string) =>
  file.endsWith('.sql.ts') ||
  file.includes('/database/migrations/') ||
  file.includes('/database/seed/') ||
  file in known.infrastructure;

/**
 * Money (a `_fen` column or sum) cast to float8: on one line, `_fen` then `::float8` with no `AS`
 * between (`amount_fen::float8`, `coalesce(sum(amount_fen), 0)::float8`), or a float8 named as
 * fen (`…::float8 AS "amountFen"`). Sums of money are `::bigint`, read as checked numbers.
 */
const readsFenAsFloat8 = (text: string) =>
  /_fen\b(?:(?!\bAS\b)[^\n])*?::float8/.test(text) || /::float8\s+AS\s+"?\w*(?:Fen|_fen)\b/.test(text);

describe('the checks themselves', () => {
  it('tell the forbidden from the allowed', () => {
    expect(runsSql('await this.dataSource.query(`SELECT 1`)')).toBe(true);
    expect(runsSql('await m.query ("SELECT 1")')).toBe(true);
    expect(runsSql('await findOpenTenders(m, streetId)')).toBe(false);
    for (const sql of [
      'SELECT amount_fen::float8 AS "amountFen" FROM contracts',
      'SELECT coalesce(sum(amount_fen), 0)::float8 AS total',
      `coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::float8 AS "paidFen"`,
      'SELECT (-p.amount_fen)::float8 AS amount',
      'SELECT x::float8 AS "budgetFen"',
    ])
      expect(readsFenAsFloat8(sql)).toBe(true);
    for (const sql of [
      'SELECT sum(amount_fen)::bigint AS "totalFen"',
      'SELECT amount_fen, hours AS h, avg(score)::float8 AS score',
      'SELECT price_fen AS "priceFen", sum(minutes)::float8 / 60 AS hours',
    ])
      expect(readsFenAsFloat8(sql)).toBe(false);
    expect(lineCount('a\nb\n')).toBe(2);
  });
});

describe('house rules (docs/contributing.md)', () => {
  it(`keeps every service under ${MAX_SERVICE_LINES} lines; a listed long one may only shrink`, () => {
    const problems: string[] = [];
    for (const file of SOURCES.filter((f) => f.endsWith('.service.ts'))) {
      const lines = lineCount(read(file));
      const ceiling = known.longServices[file];
      if (ceiling === undefined && lines >= MAX_SERVICE_LINES)
        problems.push(`${file}: ${lines} lines; split it by aggregate`);
      if (ceiling !== undefined && lines > ceiling)
        problems.push(`${file}: ${lines} lines, more than the ${ceiling} it had; split it, do not grow it`);
      if (ceiling !== undefined && lines < MAX_SERVICE_LINES)
        problems.push(`${file}: ${lines} lines now; delete its entry from longServices`);
    }
    for (const file of Object.keys(known.longServices))
      if (!SOURCES.includes(file)) problems.push(`${file} is gone; delete its entry from longServices`);
    expect(problems).toEqual([]);
  });

  it('runs SQL only from .sql.ts files, migrations, seeds and the listed infrastructure', () => {
    const offenders = SOURCES.filter((f) => !sqlMayRunIn(f) && runsSql(read(f)));
    expect(offenders.filter((f) => !known.queryOutsideSql.includes(f))).toEqual([]);
    // The list only shrinks: an entry that no longer calls .query( goes.
    expect(known.queryOutsideSql.filter((f) => !offenders.includes(f))).toEqual([]);
    for (const file of Object.keys(known.infrastructure)) expect(SOURCES).toContain(file);
  });

  it('never reads money (_fen) as float8', () => {
    const offenders = SOURCES.filter(
      (f) => !f.includes('/database/migrations/') && readsFenAsFloat8(read(f)),
    );
    expect(offenders.filter((f) => !known.fenAsFloat8.includes(f))).toEqual([]);
    expect(known.fenAsFloat8.filter((f) => !offenders.includes(f))).toEqual([]);
  });
});
