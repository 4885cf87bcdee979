import { changedRows, type Queryable, selectOne, selectRows } from '../../common/database/queryable.js';
import type { DocumentPurpose, DocumentStatus, DocumentSubjectType } from './document-rules.js';

export interface DocumentRow {
  id: string;
  purpose: DocumentPurpose;
  status: DocumentStatus;
  ownerOrganizationId: string | null;
  ownerRegionId: string | null;
  uploadedBy: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string | null;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
  locationKept: boolean;
  sealId: string | null;
  sealedKey: string | null;
  verdict: string | null;
  scanner: string | null;
  scannedAt: Date | null;
  createdAt: Date;
}

export interface Subject {
  type: DocumentSubjectType;
  id: string;
}

const COLUMNS = `d.id, d.purpose, d.status, d.owner_organization_id AS "ownerOrganizationId",
  d.owner_region_id AS "ownerRegionId", d.uploaded_by AS "uploadedBy", d.file_name AS "fileName",
  d.content_type AS "contentType", d.size, d.sha256, d.storage_key AS "storageKey",
  d.thumbnail_key AS "thumbnailKey", d.width, d.height, d.location_kept AS "locationKept",
  d.seal_id AS "sealId", d.sealed_key AS "sealedKey", d.verdict,
  d.scanner, d.scanned_at AS "scannedAt", d.created_at AS "createdAt"`;

export const insertDocument = (
  db: Queryable,
  row: Omit<
    DocumentRow,
    'status' | 'verdict' | 'scanner' | 'scannedAt' | 'createdAt' | 'sealId' | 'sealedKey'
  >,
) =>
  selectOne<DocumentRow>(
    db,
    `INSERT INTO documents AS d (id, purpose, owner_organization_id, owner_region_id, uploaded_by, file_name,
            content_type, size, sha256, storage_key, thumbnail_key, width, height, location_kept)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}`,
    [
      row.id,
      row.purpose,
      row.ownerOrganizationId,
      row.ownerRegionId,
      row.uploadedBy,
      row.fileName,
      row.contentType,
      row.size,
      row.sha256,
      row.storageKey,
      row.thumbnailKey,
      row.width,
      row.height,
      row.locationKept,
    ],
  ) as Promise<DocumentRow>;

/** One document; `lock` takes its row for the transaction (FOR UPDATE, or FOR SHARE to attach it). */
export const selectDocument = (db: Queryable, id: string, lock: '' | 'FOR UPDATE' | 'FOR SHARE' = '') =>
  selectOne<DocumentRow>(db, `SELECT ${COLUMNS} FROM documents d WHERE d.id = $1 ${lock}`, [id]);

/** The scanner's verdict on a document still in quarantine; no row when it was decided meanwhile. */
export const recordVerdict = (
  db: Queryable,
  id: string,
  verdict: {
    status: 'clean' | 'infected';
    signature: string | null;
    scanner: string;
    storageKey: string | null;
    thumbnailKey: string | null;
  },
) =>
  changedRows<{ id: string }>(
    db,
    `UPDATE documents SET status = $2, verdict = $3, scanner = $4, storage_key = $5, thumbnail_key = $6, scanned_at = now()
      WHERE id = $1 AND status = 'pending_scan' RETURNING id`,
    [id, verdict.status, verdict.signature, verdict.scanner, verdict.storageKey, verdict.thumbnailKey],
  );

/** Forgets the keys of an infected document once its bytes are deleted. */
export const forgetInfectedFiles = (db: Queryable, id: string) =>
  db.query(
    `UPDATE documents SET storage_key = NULL, thumbnail_key = NULL WHERE id = $1 AND status = 'infected'`,
    [id],
  );

/** Documents waiting for a verdict, oldest first (their scan jobs are re-ensured at worker start). */
export const pendingScans = (db: Queryable) =>
  selectRows<{ id: string }>(
    db,
    `SELECT id FROM documents WHERE status = 'pending_scan' ORDER BY created_at LIMIT 10000`,
  );

/** Infected documents whose bytes were not deleted yet (a crash between the verdict and the deletion). */
export const infectedWithFiles = (db: Queryable) =>
  selectRows<{ id: string }>(
    db,
    `SELECT id FROM documents WHERE status = 'infected' AND storage_key IS NOT NULL LIMIT 10000`,
  );

export const insertLinks = (db: Queryable, documentIds: string[], subject: Subject, linkedBy: string) =>
  selectRows<{ documentId: string }>(
    db,
    `INSERT INTO document_links (document_id, subject_type, subject_id, linked_by)
     SELECT unnest($1::uuid[]), $2, $3, $4
     ON CONFLICT DO NOTHING RETURNING document_id AS "documentId"`,
    [documentIds, subject.type, subject.id, linkedBy],
  );

/** What a document is attached to. */
export const subjectsOf = (db: Queryable, documentId: string) =>
  selectRows<Subject>(
    db,
    `SELECT subject_type AS type, subject_id AS id FROM document_links WHERE document_id = $1 ORDER BY linked_at`,
    [documentId],
  );

/** The documents attached to a subject, in the order they were attached. */
export const documentsOf = (db: Queryable, subject: Subject) =>
  selectRows<DocumentRow>(
    db,
    `SELECT ${COLUMNS} FROM document_links l JOIN documents d ON d.id = l.document_id
      WHERE l.subject_type = $1 AND l.subject_id = $2 ORDER BY l.linked_at, d.id`,
    [subject.type, subject.id],
  );

/** The documents attached to any of the subjects of one type (one read for a page of them), in the order attached. */
export const documentsOfSubjects = (db: Queryable, type: DocumentSubjectType, ids: string[]) =>
  selectRows<DocumentRow & { subjectId: string }>(
    db,
    `SELECT l.subject_id AS "subjectId", ${COLUMNS} FROM document_links l JOIN documents d ON d.id = l.document_id
      WHERE l.subject_type = $1 AND l.subject_id = ANY($2::uuid[]) ORDER BY l.linked_at, d.id`,
    [type, ids],
  );

/**
 * The scan verdicts of a subject's documents of one purpose, their rows held (FOR SHARE) for the
 * caller's transaction: no verdict changes under a decision that counts them.
 */
export const lockedStatusesOf = (db: Queryable, subject: Subject, purpose: DocumentPurpose) =>
  selectRows<{ id: string; status: DocumentStatus }>(
    db,
    `SELECT d.id, d.status FROM documents d
      WHERE d.purpose = $3 AND d.id IN (SELECT document_id FROM document_links WHERE subject_type = $1 AND subject_id = $2)
      ORDER BY d.id FOR SHARE`,
    [subject.type, subject.id, purpose],
  );
