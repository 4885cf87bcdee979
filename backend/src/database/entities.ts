import { AuditEntry } from '../common/audit/audit-entry.entity.js';
import { ServiceCategory } from '../modules/catalog/service-category.entity.js';
import { EmailToken } from '../modules/identity/email-token.entity.js';
import { RefreshToken } from '../modules/identity/refresh-token.entity.js';
import { Session } from '../modules/identity/session.entity.js';
import { RoleGrant } from '../modules/identity/role-grant.entity.js';
import { EvaluatorCategory, PanelConflict, PanelDraw } from '../modules/evaluation/evaluator-pool.entity.js';
import { User } from '../modules/identity/user.entity.js';
import { SentMail } from '../modules/mail/sent-mail.entity.js';
import { Organization } from '../modules/organizations/organization.entity.js';
import { CreditObjection } from '../modules/organizations/credit-objection.entity.js';
import { OrganizationIdentityChange } from '../modules/organizations/identity-change.entity.js';
import {
  OrganizationCategory,
  OrganizationCommunity,
} from '../modules/organizations/organization-links.entity.js';
import { OrganizationDocument } from '../modules/organizations/organization-document.entity.js';
import { OrganizationMember } from '../modules/people/org-member.entity.js';
import { ResidentRequest } from '../modules/people/resident-request.entity.js';
import { AdmissionItem, CommunityTask } from '../modules/needs/admission.entity.js';
import { Need, NeedUpvote } from '../modules/needs/need.entity.js';
import {
  Tender,
  TenderAmendment,
  TenderCommunity,
  TenderEnquiry,
  TenderNeed,
} from '../modules/tenders/tender.entity.js';
import { Bid } from '../modules/bids/bid.entity.js';
import {
  EvaluationScore,
  TenderComplaint,
  TenderEvaluator,
} from '../modules/evaluation/evaluation.entity.js';
import { Contract, Milestone } from '../modules/contracts/contract.entity.js';
import { Project, ProjectMember } from '../modules/projects/project.entity.js';
import { RecordBeneficiary, ServiceRecord } from '../modules/service-records/service-record.entity.js';
import { AcceptanceRating } from '../modules/ratings/acceptance-rating.entity.js';
import { Rating } from '../modules/ratings/rating.entity.js';
import { JournalEntry, LedgerAccount, Posting } from '../modules/ledger/ledger.entity.js';
import { Disbursement, StreetSettings } from '../modules/disbursements/disbursement.entity.js';
import { ScoreSnapshot, ScoringWeights } from '../modules/scoring/score.entity.js';
import {
  ScoreRatingDay,
  ScoreReach,
  ScoreRecordDay,
  ScoreServed,
} from '../modules/scoring/score-rollup.entity.js';
import { ExportJob } from '../modules/exports/export-job.entity.js';
import { DocumentFile, DocumentLink, DocumentSeal } from '../modules/documents/document.entity.js';
import { Region } from '../modules/regions/region.entity.js';
import {
  IncentiveDecision,
  IncentiveRule,
  IncentiveRuleSet,
} from '../modules/incentives/incentive.entity.js';
import { PayoutTransfer, ProviderEvent, ReconciliationReport } from '../modules/payments/payment.entity.js';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity.js';
import { DonationCheckout, FundDonation } from '../modules/fund/donation.entity.js';
import {
  Notification,
  NotificationPreference,
  NotificationSettings,
} from '../modules/notifications/notification.entity.js';
import {
  Consultation,
  ConsultationBallot,
  ConsultationComment,
  ConsultationNeed,
  ConsultationOption,
  ConsultationVoter,
  Meeting,
  MeetingAttendance,
} from '../modules/deliberation/deliberation.entity.js';
import {
  ParticipatoryBallot,
  ParticipatoryRound,
  ParticipatorySubmission,
  ParticipatoryVoter,
} from '../modules/participatory/participatory.entity.js';

/** Every entity of the schema, listed once (ESM has no glob loading). */
export const ENTITIES = [
  AuditEntry,
  Region,
  ServiceCategory,
  Organization,
  User,
  RoleGrant,
  EvaluatorCategory,
  PanelDraw,
  PanelConflict,
  Session,
  RefreshToken,
  EmailToken,
  SentMail,
  OrganizationCategory,
  OrganizationCommunity,
  OrganizationDocument,
  CreditObjection,
  OrganizationIdentityChange,
  OrganizationMember,
  ResidentRequest,
  Need,
  NeedUpvote,
  AdmissionItem,
  CommunityTask,
  Tender,
  TenderCommunity,
  TenderNeed,
  TenderAmendment,
  TenderEnquiry,
  Bid,
  TenderEvaluator,
  EvaluationScore,
  TenderComplaint,
  Contract,
  Milestone,
  Project,
  ProjectMember,
  ServiceRecord,
  RecordBeneficiary,
  Rating,
  AcceptanceRating,
  LedgerAccount,
  JournalEntry,
  Posting,
  Disbursement,
  StreetSettings,
  ScoreSnapshot,
  IncentiveRule,
  IncentiveRuleSet,
  IncentiveDecision,
  ScoringWeights,
  ScoreRecordDay,
  ScoreRatingDay,
  ScoreServed,
  ScoreReach,
  ExportJob,
  DocumentFile,
  DocumentLink,
  DocumentSeal,
  PayoutTransfer,
  ProviderEvent,
  ReconciliationReport,
  FundDonation,
  DonationCheckout,
  IdempotencyKey,
  Notification,
  NotificationPreference,
  NotificationSettings,
  Consultation,
  ConsultationOption,
  ConsultationComment,
  ConsultationVoter,
  ConsultationBallot,
  ConsultationNeed,
  Meeting,
  MeetingAttendance,
  ParticipatoryRound,
  ParticipatorySubmission,
  ParticipatoryVoter,
  ParticipatoryBallot,
];
