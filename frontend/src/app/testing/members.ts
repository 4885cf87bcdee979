import type { MemberDto } from '../api/models';

export function member(overrides: Partial<MemberDto> = {}): MemberDto {
  return {
    id: 'mem1',
    organizationId: 'o1',
    organizationName: '阳光居家养老服务中心',
    userId: 'u2',
    displayName: '吴社工',
    invitedEmail: 'worker@demo.sanshe.cn',
    invitedPhone: null,
    status: 'active',
    qualificationLevel: null,
    certificateNo: null,
    qualificationVerified: false,
    createdAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}
