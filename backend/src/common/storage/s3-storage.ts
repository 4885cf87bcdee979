import { pipeline, Readable, Transform } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { OnModuleDestroy } from '@nestjs/common';
import type { Env } from '../../config/env.js';
import { FileStorage, safeKey } from './file-storage.js';

/**
 * Files in one bucket of an S3-compatible object store (AWS S3, MinIO, …), so every API and worker
 * instance sees the same files. A missing key fails with the SDK's `NoSuchKey`.
 */
export class S3Storage extends FileStorage implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(env: Env) {
    super();
    // loadEnv requires these when STORAGE_DRIVER is s3.
    this.bucket = env.S3_BUCKET!;
    this.client = new S3Client({
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! },
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    // A conditional write: the store answers 412 rather than replace an object (the disk's 'wx').
    // Stores without conditional writes ignore the header; keys are fresh UUIDs, so none collide.
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: safeKey(key), Body: data, IfNoneMatch: '*' }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: safeKey(key) }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  async putStream(key: string, source: Readable): Promise<number> {
    const target = safeKey(key);
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    // pipeline passes a failure of the source on to the upload (pipe() would leave it waiting).
    let sourceFailure: Error | undefined;
    const body = pipeline(source, counted, (err) => (sourceFailure = err ?? undefined));
    // One PUT, or a multipart upload past 5 MB: the object appears only once complete, and a
    // failed upload is aborted, so nobody reads half a file and the old one stays meanwhile.
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: target, Body: body },
      }).done();
    } catch (err) {
      // The source's own failure, not that of the abort (some stores refuse AbortMultipartUpload).
      throw sourceFailure ?? err;
    }
    return size;
  }

  async getStream(key: string): Promise<Readable> {
    // The request fails (NoSuchKey) before a byte of the response goes out.
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: safeKey(key) }));
    return res.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the object was there.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: safeKey(key) }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
