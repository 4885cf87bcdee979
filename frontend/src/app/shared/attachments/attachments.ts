import type { DocumentPurpose } from '../../api/models';

/** What the file picker offers per purpose (the API decides from the bytes; this only narrows the dialog). */
export const ACCEPT: Record<DocumentPurpose, string> = {
  service_record_evidence: 'image/jpeg,image/png,image/webp,application/pdf',
  milestone_deliverable: 'application/pdf,image/jpeg,image/png,image/webp,.docx,.xlsx',
  tender_document: 'application/pdf,.docx,.xlsx',
  bid_document: 'application/pdf,.docx,.xlsx,image/jpeg,image/png',
};

/** A document as the lists show it (service record evidence, tender documents, bid files). */
export interface ListedDocument {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  hasThumbnail?: boolean;
  sealed?: boolean;
  /** The virus scan's verdict, when the list shows files not yet (or never) cleared. */
  status?: 'pending_scan' | 'clean' | 'infected';
}

/** 1.2 MB, 340 KB, 512 B. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
};

export const typeName = (contentType: string) => TYPE_NAMES[contentType] ?? contentType;

/** PDFs and photos open in the browser; office files are saved. */
export const opensInBrowser = (contentType: string) =>
  contentType === 'application/pdf' || contentType.startsWith('image/');

/** The states of a file being attached: uploading (with progress), scanning, then clean or infected; or failed. */
export type UploadState = 'uploading' | 'scanning' | 'clean' | 'infected' | 'failed';
