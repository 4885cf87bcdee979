import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp, openApiDocument } from './app.factory.js';

/**
 * Writes the OpenAPI document the web app's client is generated from (docs/openapi.json);
 * with --check, fails when the committed document is not what the code describes.
 */
const check = process.argv.includes('--check');
const target = resolve('../docs/openapi.json');
process.env.JWT_SECRET ??= 'openapi-export-only-'.padEnd(32, 'x');
process.env.OPENAPI_EXPORT = '1'; // describes the routes without connecting to the database
const app = await createApp({ logger: false });
const document = JSON.stringify(openApiDocument(app), null, 2) + '\n';
await app.close();
if (check) {
  if (readFileSync(target, 'utf8') !== document) {
    console.error('docs/openapi.json is stale: run `npm run api:generate` and commit the result');
    process.exit(1);
  }
  console.log('docs/openapi.json is current');
} else {
  writeFileSync(target, document);
  console.log(`wrote ${target}`);
}
process.exit(0);
