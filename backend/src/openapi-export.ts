import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp, openApiDocument } from './app.factory.js';

/** Writes the OpenAPI document the web app's client is generated from (docs/openapi.json). */
const target = resolve(process.argv[2] ?? '../docs/openapi.json');
const app = await createApp({ logger: false });
writeFileSync(target, JSON.stringify(openApiDocument(app), null, 2) + '\n');
await app.close();
console.log(`wrote ${target}`);
