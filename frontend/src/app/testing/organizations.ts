import type { OrganizationDto } from '../api/models';

/** An organization's private file, as GET /organizations/:id answers it. */
export function organization(overrides: Partial<OrganizationDto> = {}): OrganizationDto {
  return {
    id: 'o1',
    name: '阳光居家养老服务中心',
    creditCode: '91350100M000100Y43',
    filedOnly: false,
    type: 'life_service',
    description: '为辖区老人提供助餐、助洁服务',
    legalRepresentative: '周明',
    contactPhone: '057188001234',
    homeStreetId: 's1',
    homeStreetName: '阳光街道',
    status: 'pending',
    grade: null,
    gradeExpiresOn: null,
    gradeValid: false,
    creditStatus: 'normal',
    creditSince: null,
    creditReason: null,
    categoryCodes: ['elderly.home_care'],
    communityIds: ['c1', 'c2'],
    documents: [],
    objections: [],
    identityChanges: [],
    version: 1,
    createdAt: '2026-11-20T08:00:00.000Z',
    ...overrides,
  };
}
