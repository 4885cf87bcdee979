import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// @20minutes/s3rver ships no types; the part used here.
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => { run(): Promise<{ port: number }>; close(): Promise<void> };

export const S3_TEST_BUCKET = 'sanshe-test';

/** A real S3-compatible server (s3rver) on a free loopback port, keeping its objects in a temporary folder. */
export interface TestS3 {
  /** The settings that point the file storage at it. */
  env: Record<string, string>;
  /** Where s3rver keeps the bucket's objects. */
  dir: string;
  close(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'sanshe-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: S3_TEST_BUCKET }],
  });
  const { port } = await server.run();
  return {
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: S3_TEST_BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER', // s3rver's built-in key pair
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    dir,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
