import { Api } from '../../api/api';
import { organizationsDownload$Jpeg } from '../../api/fn/organizations/organizations-download-jpeg';
import { organizationsDownload$Pdf } from '../../api/fn/organizations/organizations-download-pdf';
import { organizationsDownload$Png } from '../../api/fn/organizations/organizations-download-png';
import type { DocumentDto } from '../../api/models';
import { saveBlob } from '../../shared/download';

/** What the documents endpoint accepts (PRODUCT: PDF, PNG or JPEG up to 10 MB). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export type DocumentProblem = 'type' | 'size';

/** The checks the server makes, run before sending so the user hears at once. */
export function documentProblem(file: {
  type?: string;
  name: string;
  size?: number;
}): DocumentProblem | null {
  const byName = /\.(pdf|png|jpe?g)$/i.test(file.name);
  const byType = !file.type || (DOCUMENT_TYPES as readonly string[]).includes(file.type);
  if (!byName || !byType) return 'type';
  if ((file.size ?? 0) > DOCUMENT_MAX_BYTES) return 'size';
  return null;
}

/** Downloads a stored document with the generated call for its content type, then saves it. */
export async function downloadDocument(api: Api, organizationId: string, doc: DocumentDto): Promise<void> {
  const params = { id: organizationId, documentId: doc.id };
  const fn =
    doc.contentType === 'image/png'
      ? organizationsDownload$Png
      : doc.contentType === 'image/jpeg'
        ? organizationsDownload$Jpeg
        : organizationsDownload$Pdf;
  saveBlob(await api.invoke(fn, params), doc.fileName);
}
