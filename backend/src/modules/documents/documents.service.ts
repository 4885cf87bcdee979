import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Queryable } from '../../common/database/queryable.js';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Role } from '../../common/auth/roles.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { contentTypeOf } from '../../common/storage/uploaded-file.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';
import {
  cleanFileName,
  type DocumentPurpose,
  type DocumentStatus,
  PHOTO_TYPES,
  PURPOSES,
  refusal,
} from './document-rules.js';
import { DocumentSeals } from './document-seals.service.js';
import { DocumentSubjects } from './document-subjects.js';
import { DocumentFileDto, UploadDocumentQueryDto } from './dto/document.dto.js';
import { reencodePhoto, THUMBNAIL_TYPE } from './file-content.js';
import {
  type DocumentRow,
  documentsOf,
  documentsOfSubjects,
  insertDocument,
  insertLinks,
  lockedStatusesOf,
  selectDocument,
  type Subject,
  subjectsOf,
} from './documents.sql.js';

/** Attempts of a scan job (exponential backoff from 2 s: about an hour in all); workers re-ensure it at start. */
export const SCAN_ATTEMPTS = 12;
export const scanJobId = (documentId: string) => `scan-${documentId}`;

const ORG_READERS: readonly Role[] = ['social_worker', 'org_admin'];
const STREET_READERS: readonly Role[] = ['street_officer', 'street_finance', 'street_director'];

/** A subject with the owner its documents must have: the organization (records, milestones, bids) or street (tenders). */
export type OwnedSubject = Subject & ({ organizationId: string } | { streetId: string });

/** A file on its way out: what to call it and the bytes. */
export interface DocumentContent {
  fileName: string;
  contentType: string;
  size: number;
  stream: Readable;
}

/**
 * Evidence behind every claim: documents uploaded for a purpose, checked by their bytes, photos
 * re-encoded, kept in quarantine until the virus scan (DocumentScans) calls them clean, offered
 * to their owner's members and to the readers of what they are attached to.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly storage: FileStorage,
    private readonly subjects: DocumentSubjects,
    private readonly seals: DocumentSeals,
  ) {}

  /**
   * Checks who uploads for what first, then reads the file (`read`, e.g. the multipart body, up to the
   * purpose's size), decides its type from the bytes, re-encodes a photo, stores it in quarantine and
   * queues its scan after the commit.
   */
  async upload(
    user: AuthUser,
    query: UploadDocumentQueryDto,
    read: (maxBytes: number) => Promise<{ filename: string; data: Buffer }>,
  ): Promise<DocumentFileDto> {
    const rule = PURPOSES[query.purpose];
    const owner = await this.requireUploader(user, query);
    const file = await read(rule.maxBytes);
    if (file.data.length === 0)
      throw new DomainError('validation.failed', 'The file is empty', { field: 'file' });
    const contentType = await contentTypeOf(file.data);
    const refused = refusal(query.purpose, contentType, file.data.length);
    if (refused) throw new DomainError(refused.code, refused.message, { contentType: contentType ?? null });
    const photo = PHOTO_TYPES.includes(contentType!)
      ? await reencodePhoto(file.data, contentType!, query.keepLocation === true)
      : null;
    const data = photo?.data ?? file.data;

    const id = randomUUID();
    const storageKey = `documents/quarantine/${id}`;
    const thumbnailKey = photo ? `${storageKey}-thumb` : null;
    await this.storage.put(storageKey, data);
    if (photo) await this.storage.put(thumbnailKey!, photo.thumbnail);
    let row: DocumentRow;
    try {
      row = await this.dataSource.transaction(async (m) => {
        const inserted = await insertDocument(m, {
          id,
          purpose: query.purpose,
          ...owner,
          uploadedBy: user.id,
          fileName: cleanFileName(file.filename),
          contentType: contentType!,
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
          storageKey,
          thumbnailKey,
          width: photo?.width ?? null,
          height: photo?.height ?? null,
          locationKept: photo !== null && query.keepLocation === true,
        });
        await this.audit.record(m, {
          actorId: user.id,
          action: 'document.uploaded',
          entityType: 'document',
          entityId: id,
          after: {
            purpose: inserted.purpose,
            ...owner,
            fileName: inserted.fileName,
            contentType: inserted.contentType,
            sha256: inserted.sha256,
            locationKept: inserted.locationKept,
          },
        });
        return inserted;
      });
    } catch (err) {
      await Promise.all(
        [storageKey, thumbnailKey].filter((k) => k !== null).map((k) => this.storage.delete(k)),
      );
      throw err;
    }
    // After the commit, so the worker always finds the row; the job id makes a repeat a no-op.
    await this.jobs.add(
      'documents.scan',
      { documentId: id },
      { jobId: scanJobId(id), attempts: SCAN_ATTEMPTS },
    );
    return toDocumentFileDto(row);
  }

  async get(user: AuthUser, id: string): Promise<DocumentFileDto> {
    return toDocumentFileDto(await this.readable(user, id));
  }

  /** The bytes of a clean document: 409 while in quarantine or sealed, 410 once found infected. */
  async content(user: AuthUser, id: string): Promise<DocumentContent> {
    const row = await this.readable(user, id);
    requireClean(row);
    return {
      fileName: row.fileName,
      contentType: row.contentType,
      size: row.size,
      stream: await this.seals.stream(this.dataSource.manager, row),
    };
  }

  /** A clean photo's thumbnail (WebP). */
  async thumbnail(user: AuthUser, id: string): Promise<DocumentContent> {
    const row = await this.readable(user, id);
    requireClean(row);
    if (!row.thumbnailKey) throw notFound('Thumbnail', id);
    return {
      fileName: `${row.fileName}.webp`,
      contentType: THUMBNAIL_TYPE,
      size: -1,
      stream: await this.storage.getStream(row.thumbnailKey),
    };
  }

  /**
   * Attaches clean documents to a subject, in the caller's transaction (the caller has checked that
   * `user` may change the subject). Each document must have been uploaded for the subject's kind
   * (purpose) by its owner (the subject's organization or street), and be clean (or, with
   * `allowPending`, still in quarantine: the subject's own rule then waits for the verdict); attaching
   * twice is a no-op. Audited per subject.
   */
  async attach(
    m: EntityManager,
    user: AuthUser,
    documentIds: string[],
    subject: OwnedSubject,
    options: { allowPending?: boolean } = {},
  ): Promise<void> {
    const ids = [...new Set(documentIds)].sort(); // one lock order for concurrent attachments
    for (const id of ids) {
      const row = await selectDocument(m, id, 'FOR SHARE');
      if (!row) throw notFound('Document', id);
      const ownerMatches =
        'organizationId' in subject
          ? row.ownerOrganizationId === subject.organizationId
          : row.ownerRegionId === subject.streetId;
      if (PURPOSES[row.purpose].subject !== subject.type || !ownerMatches)
        throw new DomainError(
          'document.wrong_purpose',
          `Document ${row.fileName} was not uploaded as a ${subject.type.replace('_', ' ')} document of this owner`,
          { documentId: id, purpose: row.purpose },
        );
      if (!(options.allowPending && row.status === 'pending_scan')) requireClean(row);
    }
    const linked = await insertLinks(m, ids, subject, user.id);
    if (linked.length)
      await this.audit.record(m, {
        actorId: user.id,
        action: 'document.attached',
        entityType: subject.type,
        entityId: subject.id,
        after: { documentIds: linked.map((l) => l.documentId) },
      });
  }

  /** The documents attached to a subject (for the subject's own page; its reader checks come first). */
  async listFor(m: Queryable, subject: Subject): Promise<DocumentFileDto[]> {
    return (await documentsOf(m, subject)).map(toDocumentFileDto);
  }

  /** The documents attached to each of a page of subjects of one type, by subject id. */
  async listForEach(
    db: Queryable,
    type: Subject['type'],
    ids: string[],
  ): Promise<Map<string, DocumentFileDto[]>> {
    const byId = new Map<string, DocumentFileDto[]>(ids.map((id) => [id, []]));
    if (!ids.length) return byId;
    for (const { subjectId, ...row } of await documentsOfSubjects(db, type, ids))
      byId.get(subjectId)?.push(toDocumentFileDto(row));
    return byId;
  }

  /** How many of a subject's documents of a purpose are clean, in quarantine and infected, held for the transaction. */
  async verdictsOf(
    m: EntityManager,
    subject: Subject,
    purpose: DocumentPurpose,
  ): Promise<Record<DocumentStatus, number>> {
    const counts: Record<DocumentStatus, number> = { clean: 0, pending_scan: 0, infected: 0 };
    for (const row of await lockedStatusesOf(m, subject, purpose)) counts[row.status]++;
    return counts;
  }

  /** The owner an upload gets, once the caller is checked to upload for it. */
  private async requireUploader(
    user: AuthUser,
    query: UploadDocumentQueryDto,
  ): Promise<{ ownerOrganizationId: string | null; ownerRegionId: string | null }> {
    const rule = PURPOSES[query.purpose];
    const [given, other] =
      rule.owner === 'organization' ? ['organizationId', 'streetId'] : ['streetId', 'organizationId'];
    if (!query[given as 'streetId'] || query[other as 'streetId'])
      throw new DomainError('validation.failed', `A ${query.purpose} is uploaded for an ${given} only`, {
        field: given,
      });
    if (rule.owner === 'organization') {
      const id = query.organizationId!;
      this.access.requireOrganization(user, rule.roles, id);
      if (!(await this.dataSource.getRepository(Organization).existsBy({ id })))
        throw notFound('Organization', id);
      return { ownerOrganizationId: id, ownerRegionId: null };
    }
    const id = query.streetId!;
    await this.access.requireRegion(user, rule.roles, id);
    const region = await this.dataSource.getRepository(Region).findOneBy({ id });
    if (region?.level !== 'street')
      throw new DomainError('validation.failed', 'Tender documents belong to a street', {
        field: 'streetId',
      });
    return { ownerOrganizationId: null, ownerRegionId: id };
  }

  /**
   * The document, to its owner's members (organization roles, or street roles covering the street),
   * platform admins and the readers of a subject it is attached to; to anyone else it does not exist.
   */
  private async readable(user: AuthUser, id: string): Promise<DocumentRow> {
    const row = await selectDocument(this.dataSource, id);
    if (!row) throw notFound('Document', id);
    if (await this.isOwnerMember(user, row)) return row;
    for (const subject of await subjectsOf(this.dataSource, id))
      if (await this.subjects.canView(user, subject.type, subject.id)) return row;
    throw notFound('Document', id);
  }

  private async isOwnerMember(user: AuthUser, row: DocumentRow): Promise<boolean> {
    if (row.ownerOrganizationId)
      return this.access.canActForOrganization(user, ORG_READERS, row.ownerOrganizationId);
    return this.access.canActInRegion(user, STREET_READERS, row.ownerRegionId!);
  }
}

function requireClean(row: DocumentRow): void {
  if (row.status === 'pending_scan')
    throw new DomainError(
      'document.not_scanned',
      'The document is being checked for viruses; try again shortly',
      {
        status: row.status,
      },
    );
  if (row.status === 'infected')
    throw new DomainError(
      'document.infected',
      'The virus scanner found a threat in this document; it was deleted',
      {
        verdict: row.verdict,
      },
    );
}

export function toDocumentFileDto(row: DocumentRow): DocumentFileDto {
  return {
    id: row.id,
    purpose: row.purpose,
    status: row.status,
    ownerOrganizationId: row.ownerOrganizationId,
    ownerRegionId: row.ownerRegionId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    locationKept: row.locationKept,
    sealed: row.sealId !== null,
    hasThumbnail: row.thumbnailKey !== null && row.status === 'clean',
    verdict: row.verdict,
    scannedAt: row.scannedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
