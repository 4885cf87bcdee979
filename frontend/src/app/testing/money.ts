import type { BudgetSummaryDto, DisbursementDto, StripeAccountDto } from '../api/models';

/** Money test data shaped like the API's answers. */
export const disbursement = (overrides: Partial<DisbursementDto> = {}): DisbursementDto => ({
  id: 'd1',
  kind: 'milestone',
  milestoneId: 'ms1',
  milestoneName: '首期',
  contractId: 'k1',
  contractTitle: '春晖社区居家养老上门服务',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  streetId: 's1',
  projectId: 'p1',
  projectTitle: '春晖社区居家养老上门服务',
  communityId: null,
  purpose: null,
  amountFen: 7_200_000,
  currency: 'CNY',
  status: 'requested',
  method: 'stripe',
  needsDirector: true,
  deliverables: '首期服务报告及服务对象签收表',
  deliverableFiles: [],
  minDeliverables: 0,
  contractProjectId: 'p1',
  contractRemainingFen: 24_000_000,
  rejectionReason: null,
  voucher: null,
  payoutAttempt: 0,
  providerReference: null,
  failureReason: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  requestedByName: '周主任',
  acceptedByName: null,
  financeApprovedByName: null,
  directorApprovedByName: null,
  ...overrides,
});

export const budgetSummary = (overrides: Partial<BudgetSummaryDto> = {}): BudgetSummaryDto => ({
  streetId: 's1',
  year: new Date().getFullYear(),
  allocatedFen: 100_000_000,
  committedFen: 16_800_000,
  paidFen: 7_200_000,
  availableFen: 76_000_000,
  contracts: [
    {
      contractId: 'k1',
      title: '春晖社区居家养老上门服务',
      organizationName: '阳光居家养老服务中心',
      amountFen: 24_000_000,
      paidFen: 7_200_000,
      committedFen: 16_800_000,
    },
  ],
  ...overrides,
});

export const stripeAccount = (overrides: Partial<StripeAccountDto> = {}): StripeAccountDto => ({
  accountId: null,
  payoutsEnabled: false,
  detailsSubmitted: false,
  ...overrides,
});
