import type { DocumentFileDto } from '../api/models';

export const documentFile = (overrides: Partial<DocumentFileDto> = {}): DocumentFileDto => ({
  id: 'd1',
  purpose: 'service_record_evidence',
  status: 'pending_scan',
  ownerOrganizationId: 'o1',
  ownerRegionId: null,
  fileName: '签到表.pdf',
  contentType: 'application/pdf',
  size: 2048,
  sha256: 'a'.repeat(64),
  width: null,
  height: null,
  locationKept: false,
  hasThumbnail: false,
  sealed: false,
  verdict: null,
  scannedAt: null,
  createdAt: '2026-11-25T02:05:00.000Z',
  ...overrides,
});

/** Picks files in an attachment picker's (hidden) file input, as the browser's dialog would. */
export function chooseFiles(root: ParentNode, ...names: string[]): void {
  const input = root.querySelector<HTMLInputElement>('[data-testid="attachment-input"]');
  if (!input) throw new Error('no attachment input');
  const files = names.map((n) => new File(['%PDF-1.4 test'], n, { type: 'application/pdf' }));
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
}
