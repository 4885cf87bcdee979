import { readdirSync, readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';
import addFormats04 from 'ajv-formats';

// CommonJS modules: under Node's ES module rules their export is the default export's `default`.
const Ajv = Ajv04.default;
const addFormats = addFormats04.default;

const dir = new URL('../fixtures/ocds/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

const RELEASE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';

function ajv() {
  // Formats checked too (date-time, uri, …), as the standard's own tools do.
  const instance = new Ajv({ allErrors: true, strict: false });
  addFormats(instance);
  instance.addSchema(load('release-schema.json'));
  return instance;
}

/** A validator for OCDS 1.1.5 release packages, from the schema files kept in test/fixtures/ocds (no network). */
export function ocdsValidator() {
  return ajv().compile(load('release-package-schema.json'));
}

/** A validator for one OCDS 1.1.5 release (also a record's compiledRelease). */
export function ocdsReleaseValidator() {
  const instance = ajv();
  return instance.getSchema(load('release-schema.json').id ?? RELEASE_SCHEMA_ID)!;
}

/** The rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The codes of one of the OCDS code lists (its `Code` column: not always the first one). */
export function codelist(name: string): string[] {
  const [header, ...rows] = csvRows(readFileSync(new URL(`codelists/${name}.csv`, dir), 'utf8'));
  const column = header.indexOf('Code');
  if (column < 0) throw new Error(`code list ${name} has no Code column`);
  return rows.map((r) => r[column]);
}

/** The code lists kept in test/fixtures/ocds/codelists (every one the standard publishes). */
export const codelistFiles = () =>
  readdirSync(new URL('codelists/', dir))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => f.replace(/\.csv$/, ''))
    .sort();

/**
 * The open code lists of the release schema (`"openCodelist": true`): a publisher may use codes
 * beyond them, so a value outside one is only warned about. Every other code list is closed: a
 * value outside it is an error. Listed here so a reader sees which is which; the test of the
 * fixtures checks it still says what the schema says.
 */
export const OPEN_CODELISTS = [
  'awardCriteria',
  'classificationScheme',
  'documentType',
  'extendedProcurementCategory',
  'language',
  'linkRelationType',
  'locationGazetteer',
  'mediaType',
  'milestoneType',
  'partyRole',
  'relatedProcess',
  'relatedProcessScheme',
  'releaseTag',
  'submissionMethod',
  'unitClassificationScheme',
] as const;

type Schema = Record<string, any>;

/** Every field of the release schema that takes its value from a code list: pointer → code list, open or not. */
export function schemaCodelists(): { field: string; codelist: string; open: boolean }[] {
  const out: { field: string; codelist: string; open: boolean }[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, path));
    if (!node || typeof node !== 'object') return;
    const n = node as Schema;
    if (typeof n.codelist === 'string')
      out.push({ field: path, codelist: n.codelist.replace(/\.csv$/, ''), open: n.openCodelist === true });
    for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
  };
  walk(load('release-schema.json'), '');
  return out;
}

let cachedSchema: Schema | undefined;
const releaseSchema = (): Schema => (cachedSchema ??= load('release-schema.json'));
const cachedCodes = new Map<string, Set<string>>();
const codesOf = (name: string) => {
  if (!cachedCodes.has(name)) cachedCodes.set(name, new Set(codelist(name)));
  return cachedCodes.get(name)!;
};

/** The schema node a `$ref` (only `#/definitions/…` in the release schema) points at. */
function resolve(root: Schema, node: Schema): Schema {
  let n = node;
  while (n && typeof n.$ref === 'string') {
    const name = n.$ref.replace(/^#\/definitions\//, '');
    n = root.definitions[name];
  }
  return n;
}

export interface CodedValue {
  /** Where in the release, as a JSON pointer. */
  path: string;
  codelist: string;
  open: boolean;
  value: unknown;
}

/** Walks a release beside the release schema: every value of a codelist-typed field, and every field the schema does not define. */
export function walkRelease(release: object): { coded: CodedValue[]; beyondCore: string[] } {
  const root = releaseSchema();
  const coded: CodedValue[] = [];
  const beyondCore: string[] = [];
  const walk = (value: unknown, schemaNode: Schema | undefined, path: string) => {
    const node = schemaNode && resolve(root, schemaNode);
    if (!node || value === null || value === undefined) return;
    if (typeof node.codelist === 'string') {
      const codelist = node.codelist.replace(/\.csv$/, '');
      for (const v of Array.isArray(value) ? value : [value])
        coded.push({ path, codelist, open: node.openCodelist === true, value: v });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, node.items, `${path}/${i}`));
      return;
    }
    if (typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      const defined = node.properties?.[key];
      const patterned = Object.entries<Schema>(node.patternProperties ?? {}).find(([p]) =>
        new RegExp(p).test(key),
      )?.[1];
      if (!defined && !patterned) beyondCore.push(`${path}/${key}`);
      else walk(v, defined ?? patterned, `${path}/${key}`);
    }
  };
  walk(release, root, '');
  return { coded, beyondCore };
}

/**
 * Checks every codelist-typed field of a release against its code list: a value outside a closed
 * list is returned as an error; outside an open one, as a warning (allowed by the standard).
 */
export function checkCodes(release: object): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const c of walkRelease(release).coded) {
    if (codesOf(c.codelist).has(String(c.value))) continue;
    const message = `${c.path}: ${JSON.stringify(c.value)} is not in ${c.codelist}`;
    if (c.open) warnings.push(message);
    else errors.push(message);
  }
  return { errors, warnings };
}
