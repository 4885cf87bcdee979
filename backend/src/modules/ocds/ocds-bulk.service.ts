import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { OcdsService } from './ocds.service.js';
import { lockBulkFile } from './ocds.sql.js';

/** Where the description of the file in force lives; each file gets a key of its own. */
const CURRENT_KEY = 'ocds/bulk/current';

/** The bulk file in force: written once under its own key, described by `ocds/bulk/current`. */
export interface OcdsBulkFile {
  key: string;
  /** SHA-256 of the gzip bytes (hex): the strong validator sent as ETag. */
  sha256: string;
  bytes: number;
  processes: number;
  releases: number;
  generatedAt: string;
}

/** What a client is told when the file is not there yet: the job writing it is queued. */
const RETRY_AFTER_SECONDS = 300;

/**
 * The OCDS bulk download: every release of every public contracting process, as JSON Lines
 * (https://jsonlines.org, UTF-8, one JSON text and `\n` per line) compressed with gzip. Each line is
 * the release package of one contracting process (all its releases, in publication order), so each
 * line is a complete OCDS 1.1 document carrying its own publisher and licence, validates against
 * the release package schema, and can be fed line by line to OCDS tools (OCDS Kit reads streams of
 * release packages); no reader has to hold the whole file in memory.
 *
 * Written by the `ocds.bulk_build` job through FileStorage: the gzip stream goes to a new key, then
 * the description at `ocds/bulk/current` is replaced (putStream replaces only once all of it arrived),
 * and only then is the previous file deleted, so a reader always gets one whole file.
 */
@Injectable()
export class OcdsBulkService {
  private readonly logger = new Logger(OcdsBulkService.name);

  constructor(
    private readonly ocds: OcdsService,
    private readonly storage: FileStorage,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes a new bulk file from the releases as they are now (publishing what is due first). One
   * rewrite at a time (an advisory lock held meanwhile): one that waited starts after the other's
   * end, so it sees everything, and each replaces and deletes the file before it.
   */
  build(): Promise<OcdsBulkFile> {
    return this.dataSource.transaction(async (m) => {
      await lockBulkFile(m);
      return this.write();
    });
  }

  private async write(): Promise<OcdsBulkFile> {
    const key = `ocds/bulk/releases-${randomUUID()}`;
    const counts = { processes: 0, releases: 0 };
    const hash = createHash('sha256');
    const hashed = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const lines = Readable.from(this.lines(counts));
    const [bytes] = await Promise.all([
      this.storage.putStream(key, hashed),
      pipeline(lines, createGzip(), hashed),
    ]);
    const file: OcdsBulkFile = {
      key,
      sha256: hash.digest('hex'),
      bytes,
      ...counts,
      generatedAt: new Date().toISOString(),
    };
    const previous = await this.current();
    await this.storage.putStream(CURRENT_KEY, Readable.from([Buffer.from(JSON.stringify(file))]));
    if (previous && previous.key !== key) await this.storage.delete(previous.key);
    this.logger.log(
      `OCDS bulk file: ${counts.releases} release(s) of ${counts.processes} process(es), ${bytes} bytes`,
    );
    return file;
  }

  /** The file in force, or null before the first build. */
  async current(): Promise<OcdsBulkFile | null> {
    try {
      return JSON.parse((await this.storage.get(CURRENT_KEY)).toString('utf8')) as OcdsBulkFile;
    } catch {
      return null;
    }
  }

  /** The file in force and its bytes; `ocds.bulk_unavailable` before the first build. */
  async open(): Promise<{ file: OcdsBulkFile; stream: Readable }> {
    // A rewrite may delete the file just described: the description read again names the new one.
    for (let attempt = 0; attempt < 2; attempt++) {
      const file = await this.current();
      if (!file) break;
      try {
        return { file, stream: await this.storage.getStream(file.key) };
      } catch {
        continue;
      }
    }
    throw new DomainError(
      'ocds.bulk_unavailable',
      'The bulk download has not been written yet; it is rewritten shortly after releases are published and nightly',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }

  private async *lines(counts: { processes: number; releases: number }): AsyncGenerator<string> {
    for await (const pkg of this.ocds.processPackages()) {
      counts.processes++;
      counts.releases += pkg.releases.length;
      yield `${JSON.stringify(pkg)}\n`;
    }
  }
}
