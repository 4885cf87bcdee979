// Lint for the Node workspaces (the frontend has its own config). Types are checked by tsc.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// House rules (docs/contributing.md). Today's offenders and the infrastructure allowed to run SQL are
// listed once, in backend/test/house-rules.known.json (house-rules.spec.ts makes the lists shrink).
const known = JSON.parse(
  readFileSync(new URL('./backend/test/house-rules.known.json', import.meta.url), 'utf8'),
);
const QUERY_CALL = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
  message:
    'SQL lives in <module>.sql.ts (docs/contributing.md): call a named, typed function there instead of .query(.',
};
// `_fen` then `::float8` on a line with no AS between, or a float8 named as fen (house-rules.spec.ts).
const FEN_AS_FLOAT8 = '/_fen\\b(?:(?!\\bAS\\b)[^\\n])*?::float8|::float8\\s+AS\\s+"?\\w*(?:Fen|_fen)\\b/';
const FLOAT8_MONEY = ['Literal', 'TemplateElement'].map((node) => ({
  selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=${FEN_AS_FLOAT8}]`,
  message:
    'Money is read as numbers without casts: a sum of _fen is ::bigint, never ::float8 (docs/contributing.md).',
}));
const SQL_FILES = [
  'backend/src/**/*.sql.ts',
  'backend/src/database/migrations/**',
  'backend/src/database/seed/**',
];
const TESTS = ['**/*.spec.ts', '**/*.e2e-spec.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'frontend/**', '.data/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // Test helpers return parsed JSON bodies, typed loosely on purpose.
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Services, controllers and everything else run no SQL by hand, and never read money as float8.
    files: ['backend/src/**/*.ts'],
    ignores: [...SQL_FILES, ...TESTS, ...Object.keys(known.infrastructure), ...known.queryOutsideSql],
    rules: { 'no-restricted-syntax': ['error', QUERY_CALL, ...FLOAT8_MONEY] },
  },
  {
    // Where SQL may run (and today's offenders, until their SQL moves): money is still never float8.
    files: [...SQL_FILES.slice(0, 1), ...Object.keys(known.infrastructure), ...known.queryOutsideSql],
    ignores: [...TESTS, ...known.fenAsFloat8],
    rules: { 'no-restricted-syntax': ['error', ...FLOAT8_MONEY] },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { globals: globals.node },
  },
);
