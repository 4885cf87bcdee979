import { readFileSync } from 'node:fs';
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

/** The codes of one of the OCDS code lists (first CSV column). */
export function codelist(name: string): string[] {
  return readFileSync(new URL(`codelists/${name}.csv`, dir), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0].replace(/"/g, ''));
}
