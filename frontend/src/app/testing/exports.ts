import type { ExportDto } from '../api/models';

/** An export shaped like the API's answer: done, downloadable. */
export const exportJob = (overrides: Partial<ExportDto> = {}): ExportDto => ({
  id: 'e1',
  dataset: 'service_records',
  format: 'csv',
  lang: 'zh-CN',
  streetId: 's1',
  organizationId: null,
  scopeName: '阳光街道',
  from: null,
  to: null,
  status: 'done',
  progress: 100,
  rowCount: 12,
  fileName: '服务记录-阳光街道-2026-05-12.csv',
  fileSize: 2048,
  error: null,
  createdAt: '2026-05-12T02:00:00.000Z',
  startedAt: '2026-05-12T02:00:01.000Z',
  finishedAt: '2026-05-12T02:00:03.000Z',
  expiresAt: '2099-05-19T02:00:03.000Z',
  downloadable: true,
  ...overrides,
});
