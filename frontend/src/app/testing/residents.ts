import type { ResidentRequestViewDto } from '../api/models';

export const residentRequest = (overrides: Partial<ResidentRequestViewDto> = {}): ResidentRequestViewDto => ({
  id: 'rr1',
  userId: 'u1',
  displayName: '张阿姨',
  email: 'resident@example.cn',
  communityId: 'c1',
  communityName: '春晖社区',
  note: '3 栋 2 单元',
  status: 'pending',
  decisionReason: null,
  createdAt: '2026-11-20T08:00:00Z',
  ...overrides,
});
