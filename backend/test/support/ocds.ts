import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';

// A CommonJS module: under Node's ES module rules its class is the default export's `default`.
const Ajv = Ajv04.default;

const dir = new URL('../fixtures/ocds/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

/** A validator for OCDS 1.1.5 release packages, from the schema files kept in test/fixtures/ocds (no network). */
export function ocdsValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema(load('release-schema.json'));
  return ajv.compile(load('release-package-schema.json'));
}

/** The codes of one of the OCDS code lists (first CSV column). */
export function codelist(name: string): string[] {
  return readFileSync(new URL(`codelists/${name}.csv`, dir), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0].replace(/"/g, ''));
}
