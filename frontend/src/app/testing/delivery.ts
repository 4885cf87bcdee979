import type {
  MilestoneProgressDto,
  ProjectDto,
  ProjectResidentDto,
  ProjectSummaryDto,
  RatingDto,
  ServiceRecordDto,
} from '../api/models';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { lastPage } from './page-testing';

/** Delivery test data shaped like the API's answers (the worker is u1, the resident u9). */
export const projectSummary = (overrides: Partial<ProjectSummaryDto> = {}): ProjectSummaryDto => ({
  id: 'p1',
  title: '春晖社区居家养老上门服务',
  organizationId: 'o1',
  organizationName: '阳光居家养老服务中心',
  isLead: true,
  status: 'active',
  ...overrides,
});

export const milestone = (overrides: Partial<MilestoneProgressDto> = {}): MilestoneProgressDto => ({
  milestoneId: 'ms1',
  seq: 1,
  name: '首期',
  dueOn: '2026-12-25',
  amountFen: 4_000_000,
  status: 'pending',
  approvedHours: 0.5,
  minApprovedHours: 1,
  confirmedBeneficiaries: 1,
  minConfirmedBeneficiaries: 1,
  minDeliverables: 0,
  satisfaction: 4.67,
  ruleMet: false,
  acceptanceRating: null,
  ...overrides,
});

export const project = (overrides: Partial<ProjectDto> = {}): ProjectDto => ({
  id: 'p1',
  contractId: 'k1',
  organizationId: 'o1',
  title: '春晖社区居家养老上门服务',
  leadUserId: 'u1',
  memberUserIds: ['u1', 'u2'],
  communityIds: ['c1'],
  status: 'active',
  milestones: [milestone(), milestone({ milestoneId: 'ms2', seq: 2, name: '终期', minApprovedHours: 2 })],
  ...overrides,
});

export const projectResident = (overrides: Partial<ProjectResidentDto> = {}): ProjectResidentDto => ({
  userId: 'u9',
  displayName: '张阿姨',
  communityId: 'c1',
  ...overrides,
});

/**
 * Answers the record form's search of a project's residents (sent once typing or choosing the
 * community has paused) with these, and returns the request.
 */
export async function answerResidents(
  backend: HttpTestingController,
  residents: ProjectResidentDto[],
): Promise<TestRequest> {
  await new Promise((done) => setTimeout(done, 300));
  const req = backend.expectOne((r) => r.method === 'GET' && r.url === '/api/projects/p1/residents');
  req.flush(lastPage(residents));
  return req;
}

export const serviceRecord = (overrides: Partial<ServiceRecordDto> = {}): ServiceRecordDto => ({
  id: 'r1',
  projectId: 'p1',
  projectTitle: '春晖社区居家养老上门服务',
  workerUserId: 'u1',
  workerName: '吴社工',
  activityType: 'home_visit',
  communityId: 'c1',
  startedAt: '2026-11-25T01:00:00.000Z',
  endedAt: '2026-11-25T02:00:00.000Z',
  hours: 1,
  anonymousCount: 0,
  location: '春晖社区3栋',
  notes: '上门探访，测量血压',
  status: 'submitted',
  decisionReason: null,
  correctsRecordId: null,
  createdAt: '2026-11-25T02:05:00.000Z',
  beneficiaries: [{ userId: 'u9', displayName: '张阿姨', response: 'pending', disputeReason: null }],
  documents: [],
  documentCount: 0,
  photoCount: 0,
  ...overrides,
});

export const rating = (overrides: Partial<RatingDto> = {}): RatingDto => ({
  id: 'ra1',
  recordId: 'r1',
  attitude: 5,
  professionalism: 4,
  effect: 5,
  comment: '很耐心',
  moderation: 'visible',
  orgReply: null,
  createdAt: '2026-11-25T03:00:00.000Z',
  updatedAt: '2026-11-25T03:00:00.000Z',
  version: 1,
  ...overrides,
});
