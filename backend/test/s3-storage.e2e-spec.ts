import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { loadEnv } from '../src/config/env.js';
import { S3Storage } from '../src/common/storage/s3-storage.js';
import { startS3, type TestS3 } from './support/s3.js';

// The S3 driver of the file storage against a real S3-compatible server (s3rver).
let s3: TestS3;
let storage: S3Storage;

beforeAll(async () => {
  s3 = await startS3();
  storage = new S3Storage(loadEnv({ JWT_SECRET: 'x'.repeat(32), ...s3.env }));
});
afterAll(async () => {
  storage?.onModuleDestroy();
  await s3?.close();
});

const key = () => `tests/${randomBytes(8).toString('hex')}`;
const noSuchKey = { name: 'NoSuchKey' };

describe('S3Storage', () => {
  it('stores a file and reads it back, as a whole or as a stream', async () => {
    const k = key();
    const data = Buffer.from('营业执照 PDF bytes');
    await storage.put(k, data);
    expect(await storage.get(k)).toEqual(data);
    expect(await buffer(await storage.getStream(k))).toEqual(data);
  });

  it('stores a stream of unknown length (multipart past 5 MB) and returns its size', async () => {
    const k = key();
    const data = randomBytes(6 * 1024 * 1024 + 123);
    const chunks = Array.from({ length: Math.ceil(data.length / 65536) }, (_, i) =>
      data.subarray(i * 65536, (i + 1) * 65536),
    );
    expect(await storage.putStream(k, Readable.from(chunks))).toBe(data.length);
    expect((await storage.get(k)).equals(data)).toBe(true);
  });

  it('replaces a file only once the whole stream arrived; a failed stream leaves the old one', async () => {
    const k = key();
    await storage.putStream(k, Readable.from([Buffer.from('old export')]));
    const source = new PassThrough();
    const stored = storage.putStream(k, source);
    source.write(randomBytes(6 * 1024 * 1024)); // one whole part sent to the server
    await new Promise((r) => setTimeout(r, 300));
    expect((await storage.get(k)).toString()).toBe('old export');
    source.destroy(new Error('the database cursor broke'));
    await expect(stored).rejects.toThrow('the database cursor broke');
    expect((await storage.get(k)).toString()).toBe('old export');

    const fresh = key();
    const failing = new PassThrough();
    const never = storage.putStream(fresh, failing);
    failing.write('half a file');
    failing.destroy(new Error('gone'));
    await expect(never).rejects.toThrow('gone');
    await expect(storage.get(fresh)).rejects.toMatchObject(noSuchKey);
  });

  it('fails on a missing file before any stream exists, and deletes whether or not the file is there', async () => {
    const k = key();
    await expect(storage.get(k)).rejects.toMatchObject(noSuchKey);
    await expect(storage.getStream(k)).rejects.toMatchObject(noSuchKey);
    await expect(storage.delete(k)).resolves.toBeUndefined();

    await storage.put(k, Buffer.from('to be removed'));
    await storage.delete(k);
    await expect(storage.get(k)).rejects.toMatchObject(noSuchKey);
  });

  it('refuses a key that is not one the server makes', async () => {
    await expect(storage.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/unsafe storage key/);
    await expect(storage.putStream('A B', Readable.from(['x']))).rejects.toThrow(/unsafe storage key/);
  });
});
