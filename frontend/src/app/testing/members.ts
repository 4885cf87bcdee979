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
    version: 1,
    createdAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

/** GET /organizations/:id/members as the API pages it (here one page). */
export const memberPage = (items: MemberDto[], nextCursor: string | null = null) => ({
  items,
  nextCursor,
  links: { next: nextCursor && `/api/organizations/o1/members?cursor=${nextCursor}` },
});

/** The members request of organization o1, whatever its page parameters. */
export const membersOfO1 = (r: { url: string; method: string }) =>
  r.method === 'GET' && r.url === '/api/organizations/o1/members';
