import type { HttpRequest } from '@angular/common/http';
import type {
  BidDto,
  ContractDto,
  NeedDto,
  ResultsDto,
  TenderDto,
  TenderSummaryDto,
  TenderSummaryPageDto,
} from '../api/models';

/** Procurement test data shaped like the API's answers. */
export const need = (overrides: Partial<NeedDto> = {}): NeedDto => ({
  id: 'n1',
  communityId: 'c1',
  communityName: '春晖社区',
  categoryCode: 'elderly.home_care',
  title: '独居老人助餐',
  text: '希望社区为独居老人提供午餐配送',
  status: 'open',
  triageReason: null,
  tenderId: null,
  upvotes: 3,
  upvotedByMe: false,
  createdAt: '2026-11-20T08:00:00Z',
  sourceConsultationId: null,
  ...overrides,
});

export const tender = (overrides: Partial<TenderDto> = {}): TenderDto => ({
  id: 't1',
  title: '春晖社区居家养老服务',
  description: '为春晖社区独居老人提供助餐、助洁服务',
  categoryCode: 'elderly.home_care',
  streetId: 's1',
  streetName: '阳光街道',
  communityIds: ['c1'],
  budgetCeilingFen: 50000000,
  currency: 'CNY',
  method: 'competitive_consultation',
  singleSourceJustification: null,
  invitedOrganizationId: null,
  kpis: { serviceHours: 1000, beneficiaries: 200, minSatisfaction: 4 },
  minGrade: null,
  weights: {
    price: 30,
    technical: 60,
    performance: 10,
    criteria: [
      { key: 'plan', name: '服务方案', weight: 40 },
      { key: 'team', name: '团队配置', weight: 20 },
    ],
  },
  milestonePlan: [
    { name: '首期', shareBp: 3000, dueInDays: 30 },
    { name: '结项', shareBp: 7000, dueInDays: 365, minDeliverables: 1 },
  ],
  enquiryDeadline: '2099-01-01T00:00:00Z',
  bidDeadline: '2099-01-02T00:00:00Z',
  standstillDays: 10,
  status: 'published',
  statusReason: null,
  needIds: [],
  publishedAt: '2026-11-20T08:00:00Z',
  bidCount: 2,
  amendments: [],
  documents: [],
  version: 1,
  ...overrides,
});

export const tenderSummary = (overrides: Partial<TenderSummaryDto> = {}): TenderSummaryDto => ({
  id: 't1',
  title: '春晖社区居家养老服务',
  categoryCode: 'elderly.home_care',
  streetName: '阳光街道',
  budgetCeilingFen: 50000000,
  method: 'competitive_consultation',
  status: 'published',
  bidDeadline: '2099-01-02T00:00:00Z',
  bidCount: 0,
  ...overrides,
});

export const bid = (overrides: Partial<BidDto> = {}): BidDto => ({
  id: 'b1',
  tenderId: 't1',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  priceFen: 45000000,
  proposal: '我们将组建专业团队，为老人提供每日助餐和每周助洁服务。',
  team: ['mem1'],
  offeredKpis: { serviceHours: 1200, beneficiaries: 220, minSatisfaction: 4.5 },
  receiptHash: 'a'.repeat(64),
  status: 'submitted',
  submittedAt: '2026-11-21T08:00:00Z',
  withdrawnAt: null,
  documents: [],
  ...overrides,
});

export const results = (overrides: Partial<ResultsDto> = {}): ResultsDto => ({
  ranking: [
    {
      bidId: 'b1',
      organizationId: 'o1',
      organizationName: '阳光居家养老服务中心',
      priceFen: 45000000,
      price: 30,
      technical: 50,
      performance: 5,
      total: 85,
      rank: 1,
      status: 'awarded',
    },
  ],
  disqualified: [],
  awardedBidId: 'b1',
  standstillEndsAt: '2026-11-30T08:00:00Z',
  ...overrides,
});

export const contract = (overrides: Partial<ContractDto> = {}): ContractDto => ({
  id: 'k1',
  tenderId: 't1',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  title: '春晖社区居家养老服务',
  amountFen: 45000000,
  currency: 'CNY',
  startsOn: '2026-12-01',
  endsOn: '2027-11-30',
  milestones: [
    {
      id: 'm1',
      seq: 1,
      name: '首期',
      shareBp: 3000,
      amountFen: 13500000,
      dueOn: '2026-12-31',
      status: 'planned',
      minDeliverables: 0,
    },
    {
      id: 'm2',
      seq: 2,
      name: '结项',
      shareBp: 7000,
      amountFen: 31500000,
      dueOn: '2027-12-01',
      status: 'planned',
      minDeliverables: 1,
    },
  ],
  ...overrides,
});

/** A page of GET /tenders: these notices, and the cursor of the next page (none by default). */
export const tenderPage = (
  items: TenderSummaryDto[],
  nextCursor: string | null = null,
): TenderSummaryPageDto => ({
  items,
  nextCursor,
  links: { next: nextCursor ? `/api/tenders?cursor=${nextCursor}` : null },
});

/** Matches the GET of a community's needs board (any page size), of the given status or of all. */
export const needsBoardOf =
  (communityId: string, status: string | null = null) =>
  (r: HttpRequest<unknown>) =>
    r.method === 'GET' &&
    r.url === `/api/communities/${communityId}/needs` &&
    r.params.get('status') === status;
