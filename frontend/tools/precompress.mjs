// After `ng build` (tools/post-build.mjs): writes a brotli (.br) and a gzip (.gz) copy beside each text file of the built
// app, so the web servers send them as they are (@fastify/static's preCompressed in `npm start`,
// gzip_static in the nginx image) instead of compressing on every request, or not at all.
// Only node's zlib: maximum quality costs once, at build time.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.txt',
  '.ico',
  '.map',
  '.webmanifest',
]);
// Below this a compressed answer saves less than its headers cost (nginx's gzip_min_length too).
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(entry.name))) yield path;
  }
}

/** Compresses every text file under `root`; returns what it wrote, for the build log. */
export function precompress(root) {
  let raw = 0;
  let br = 0;
  let gz = 0;
  let count = 0;
  for (const path of files(root)) {
    const data = readFileSync(path);
    if (data.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    const gzip = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    // A copy that is not smaller is not worth sending: the server falls back to the file itself.
    if (brotli.length < data.length) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < data.length) writeFileSync(`${path}.gz`, gzip);
    raw += data.length;
    br += Math.min(brotli.length, data.length);
    gz += Math.min(gzip.length, data.length);
    count++;
  }
  return { count, raw, br, gz };
}
