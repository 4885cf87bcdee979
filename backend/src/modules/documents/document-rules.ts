import type { Role } from '../../common/auth/roles.js';
import { UPLOAD_MAX_BYTES } from '../../common/storage/uploaded-file.js';

export const DOCUMENT_PURPOSES = [
  'service_record_evidence',
  'milestone_deliverable',
  'tender_document',
  'bid_document',
] as const;
export type DocumentPurpose = (typeof DOCUMENT_PURPOSES)[number];

/** pending_scan (quarantine) → clean | infected, decided by the virus scanner. */
export const DOCUMENT_STATUSES = ['pending_scan', 'clean', 'infected'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_SUBJECTS = ['service_record', 'milestone', 'tender', 'bid'] as const;
export type DocumentSubjectType = (typeof DOCUMENT_SUBJECTS)[number];

export const JPEG = 'image/jpeg';
export const PNG = 'image/png';
export const WEBP = 'image/webp';
export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Photos: re-encoded on upload (metadata stripped unless the uploader keeps the location), with a thumbnail. */
export const PHOTO_TYPES: readonly string[] = [JPEG, PNG, WEBP];

const TYPE_NAMES: Record<string, string> = {
  [JPEG]: 'JPEG',
  [PNG]: 'PNG',
  [WEBP]: 'WebP',
  [PDF]: 'PDF',
  [DOCX]: 'Word (.docx)',
  [XLSX]: 'Excel (.xlsx)',
};

export interface PurposeRule {
  /** Content types accepted, as decided from the bytes. */
  types: readonly string[];
  /** Largest upload, in bytes. */
  maxBytes: number;
  /** Who uploads, and what owns the file: the uploader's organization or street office. */
  owner: 'organization' | 'street';
  roles: readonly Role[];
  /** What the document can be attached to. */
  subject: DocumentSubjectType;
}

/**
 * What each purpose accepts. Evidence is photos or a signed sheet, as large as an organization's
 * registration document; deliverables, tender and bid documents may be reports and tables, twice that.
 */
export const PURPOSES: Record<DocumentPurpose, PurposeRule> = {
  service_record_evidence: {
    types: [JPEG, PNG, WEBP, PDF],
    maxBytes: UPLOAD_MAX_BYTES,
    owner: 'organization',
    roles: ['social_worker', 'org_admin'],
    subject: 'service_record',
  },
  milestone_deliverable: {
    types: [PDF, JPEG, PNG, WEBP, DOCX, XLSX],
    maxBytes: 2 * UPLOAD_MAX_BYTES,
    owner: 'organization',
    roles: ['org_admin'],
    subject: 'milestone',
  },
  tender_document: {
    types: [PDF, DOCX, XLSX],
    maxBytes: 2 * UPLOAD_MAX_BYTES,
    owner: 'street',
    roles: ['street_officer'],
    subject: 'tender',
  },
  bid_document: {
    types: [PDF, DOCX, XLSX, JPEG, PNG],
    maxBytes: 2 * UPLOAD_MAX_BYTES,
    owner: 'organization',
    roles: ['org_admin'],
    subject: 'bid',
  },
};

/** The largest upload of any purpose: the multipart reader's ceiling before the purpose's own. */
export const DOCUMENT_MAX_BYTES = Math.max(...Object.values(PURPOSES).map((p) => p.maxBytes));

/** Every role that uploads for some purpose. */
export const UPLOADER_ROLES: Role[] = [...new Set(Object.values(PURPOSES).flatMap((p) => p.roles))];

/** "PDF, Word (.docx) or Excel (.xlsx)". */
export function typeList(types: readonly string[]): string {
  const names = types.map((t) => TYPE_NAMES[t] ?? t);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** Is the file acceptable for the purpose? Returns the reason it is not, or null. */
export function refusal(
  purpose: DocumentPurpose,
  contentType: string | undefined,
  size: number,
): { code: 'file.unsupported_type' | 'file.too_large'; message: string } | null {
  const rule = PURPOSES[purpose];
  if (size > rule.maxBytes)
    return {
      code: 'file.too_large',
      message: `Files for ${purpose} may be at most ${rule.maxBytes / 1024 / 1024} MB`,
    };
  if (!contentType || !rule.types.includes(contentType))
    return { code: 'file.unsupported_type', message: `Upload a ${typeList(rule.types)} file for ${purpose}` };
  return null;
}

/** Browsers preview PDFs and images in place; office files are saved. */
export const dispositionOf = (contentType: string) =>
  contentType === PDF || PHOTO_TYPES.includes(contentType) ? 'inline' : 'attachment';

/** A file name safe to echo in a header and on a disk: no path, no control characters, at most 200 characters. */
export const cleanFileName = (name: string | undefined) =>
  (name ?? '')
    .replace(/[\\/\p{Cc}]/gu, '_')
    .trim()
    .slice(0, 200) || 'document';
