import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import type { Env } from '../../src/config/env.js';
import { seedDemo } from '../../src/database/seed/demo.js';
import { DocumentScans } from '../../src/modules/documents/document-scans.service.js';
import { startClamd } from './clamav.js';
import { Api } from './http.js';
import { dropSchema, migratedDataSource, useTestEnv } from './test-env.js';

/** A small valid PDF, with whatever `extra` text inside a comment. */
export const pdf = (extra = '') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n%${extra}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );

/** A small JPEG photo of one colour. */
export const photo = (r = 200) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 80, b: 40 } } })
    .jpeg()
    .toBuffer();

/** The API's address for fetch (IPv4: the multipart uploads go through fetch, not Api.request). */
export const baseOf = (api: Api) => api.baseUrl.replace('[::1]', '127.0.0.1');

/** POST /api/documents?… with the file as the multipart field `file`. */
export async function uploadFile(
  api: Api,
  token: string | null,
  query: Record<string, string>,
  bytes: Buffer,
  name = 'file.bin',
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  const res = await fetch(`${baseOf(api)}/api/documents?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** GET /api/documents/:id/content (or /thumbnail): status, headers and bytes. */
export async function downloadFile(api: Api, id: string, token: string | null, what = 'content') {
  const res = await fetch(`${baseOf(api)}/api/documents/${id}/${what}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The API on its own migrated schema with the demo seed, a real clamd (startClamd) and its own
 * storage folder: what the document suites start from. `stop` closes and removes it all.
 */
export async function startDocumentSuite(storageDir: string): Promise<{
  env: Env;
  db: DataSource;
  api: Api;
  scans: DocumentScans;
  stop: () => Promise<void>;
}> {
  const clamav = startClamd();
  const env = useTestEnv({ STORAGE_DIR: storageDir, CLAMAV_URL: clamav });
  const db = await migratedDataSource(env);
  await seedDemo(db);
  const api = await Api.start();
  return {
    env,
    db,
    api,
    scans: api.app.get(DocumentScans),
    stop: async () => {
      await api.close();
      await dropSchema(db, env);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
