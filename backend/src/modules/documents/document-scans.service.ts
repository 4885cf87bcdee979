import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { JobQueue } from '../../jobs/job-queue.js';
import {
  type DocumentRow,
  forgetInfectedFiles,
  infectedWithFiles,
  pendingScans,
  recordVerdict,
  selectDocument,
} from './documents.sql.js';
import { scanJobId } from './documents.service.js';
import { VirusScanner } from './virus-scanner.js';

/**
 * The `documents.scan` job: sends a quarantined document's bytes to clamd and records the verdict.
 * Clean: the bytes move out of quarantine and the document is offered. Infected: the bytes are
 * deleted and the row keeps the signature found, audited. A scanner that is unset or does not answer
 * fails the job (retried; the document stays in quarantine meanwhile). Safe to run again at any point.
 */
@Injectable()
export class DocumentScans {
  private readonly logger = new Logger(DocumentScans.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly scanner: VirusScanner,
    private readonly jobs: JobQueue,
  ) {}

  async scan(documentId: string): Promise<DocumentRow['status'] | 'missing'> {
    const row = await selectDocument(this.dataSource, documentId);
    if (!row) return 'missing';
    if (row.status === 'infected') {
      await this.deleteInfected(row);
      return row.status;
    }
    if (row.status === 'clean') return row.status;

    const data = await this.storage.get(row.storageKey!);
    const verdict = await this.scanner.scan(data);
    const scanner = await this.scanner.version();
    if (verdict.infected) {
      const decided = await this.dataSource.transaction(async (m) => {
        const [updated] = await recordVerdict(m, row.id, {
          status: 'infected',
          signature: verdict.signature,
          scanner,
          storageKey: row.storageKey,
          thumbnailKey: row.thumbnailKey,
        });
        if (updated)
          await this.audit.record(m, {
            actorId: null,
            action: 'document.infected',
            entityType: 'document',
            entityId: row.id,
            before: { status: 'pending_scan' },
            after: { status: 'infected', verdict: verdict.signature, scanner, sha256: row.sha256 },
          });
        return updated !== undefined;
      });
      if (decided) this.logger.warn(`document ${row.id}: ${verdict.signature} found, deleting its bytes`);
      await this.deleteInfected(row);
      return 'infected';
    }

    // Out of quarantine: copied under its clean key (replacing a copy left by an earlier attempt).
    const cleanKey = `documents/clean/${row.id}`;
    await this.storage.putStream(cleanKey, Readable.from([data]));
    const cleanThumbnail = row.thumbnailKey ? `${cleanKey}-thumb` : null;
    if (cleanThumbnail)
      await this.storage.putStream(
        cleanThumbnail,
        Readable.from([await this.storage.get(row.thumbnailKey!)]),
      );
    await this.dataSource.transaction(async (m) => {
      const [updated] = await recordVerdict(m, row.id, {
        status: 'clean',
        signature: null,
        scanner,
        storageKey: cleanKey,
        thumbnailKey: cleanThumbnail,
      });
      if (updated)
        await this.audit.record(m, {
          actorId: null,
          action: 'document.scanned',
          entityType: 'document',
          entityId: row.id,
          before: { status: 'pending_scan' },
          after: { status: 'clean', scanner, sha256: row.sha256 },
        });
    });
    await this.storage.delete(row.storageKey!);
    if (row.thumbnailKey) await this.storage.delete(row.thumbnailKey);
    return 'clean';
  }

  /**
   * At worker start: a scan job for every document still in quarantine (its job lost, or given up
   * while the scanner was away), and the bytes of infected documents deleted if a crash left them.
   */
  async ensureScans(): Promise<number> {
    const pending = await pendingScans(this.dataSource);
    for (const { id } of pending) await this.jobs.ensure('documents.scan', { documentId: id }, scanJobId(id));
    for (const { id } of await infectedWithFiles(this.dataSource)) await this.scan(id);
    return pending.length;
  }

  /** The clamd in use and its signatures, for the start log; null when none answers. */
  async scannerVersion(): Promise<string | null> {
    if (!this.scanner.configured) return null;
    return this.scanner.version().catch(() => null);
  }

  private async deleteInfected(row: Pick<DocumentRow, 'id' | 'storageKey' | 'thumbnailKey'>): Promise<void> {
    for (const key of [row.storageKey, row.thumbnailKey]) if (key) await this.storage.delete(key);
    await forgetInfectedFiles(this.dataSource, row.id);
  }
}
