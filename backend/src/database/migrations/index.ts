import { Init1795628236392 } from './1795628236392-Init.js';
import { SentMail1795628445394 } from './1795628445394-SentMail.js';
import { Registry1795630352618 } from './1795630352618-Registry.js';
import { Procurement1795630903925 } from './1795630903925-Procurement.js';
import { Evaluation1795631404655 } from './1795631404655-Evaluation.js';
import { DirectoryIndex1795631471317 } from './1795631471317-DirectoryIndex.js';
import { Delivery1795631723183 } from './1795631723183-Delivery.js';
import { Ledger1795631975455 } from './1795631975455-Ledger.js';
import { Disbursements1795632121001 } from './1795632121001-Disbursements.js';
import { Scoring1795632537407 } from './1795632537407-Scoring.js';
import { Payments1795633305296 } from './1795633305296-Payments.js';
import { ScoreTierColumns1795640251700 } from './1795640251700-ScoreTierColumns.js';
import { IncentiveRules1795640296659 } from './1795640296659-IncentiveRules.js';
import { Notifications1795640406696 } from './1795640406696-Notifications.js';
import { Exports1795640453373 } from './1795640453373-Exports.js';
import { Fund1795640456809 } from './1795640456809-Fund.js';
import { ScoringIndexes1795641835475 } from './1795641835475-ScoringIndexes.js';
import { ScoreRollups1795643341069 } from './1795643341069-ScoreRollups.js';
import { EmailVerification1796472277585 } from './1796472277585-EmailVerification.js';
import { DonationCheckoutsIdempotencyKeys1796472913754 } from './1796472913754-DonationCheckoutsIdempotencyKeys.js';
import { IdentityChanges1796474520598 } from './1796474520598-IdentityChanges.js';
import { DropLoginFailures1796476833194 } from './1796476833194-DropLoginFailures.js';
import { GoLive1796480000000 } from './1796480000000-GoLive.js';
import { PanelConflicts1796483100000 } from './1796483100000-PanelConflicts.js';
import { DistrictNames1796486400000 } from './1796486400000-DistrictNames.js';
import { GrantsNeedVerifiedAddress1796490000000 } from './1796490000000-GrantsNeedVerifiedAddress.js';
import { RateLimits1796493600000 } from './1796493600000-RateLimits.js';
import { AcceptanceRatings1796497200000 } from './1796497200000-AcceptanceRatings.js';
import { ScoreFormula1796500800000 } from './1796500800000-ScoreFormula.js';
import { TenderVersion1796600000000 } from './1796600000000-TenderVersion.js';
import { EditableVersions1796601000000 } from './1796601000000-EditableVersions.js';
import { RegistryVersions1796602000000 } from './1796602000000-RegistryVersions.js';
import { EditVersions1796603000000 } from './1796603000000-EditVersions.js';
import { Documents1796604000000 } from './1796604000000-Documents.js';
import { SealedDocuments1796605000000 } from './1796605000000-SealedDocuments.js';
import { OcdsReleases1796606000000 } from './1796606000000-OcdsReleases.js';
import { MilestoneDeliverables1796610000000 } from './1796610000000-MilestoneDeliverables.js';
import { Deliberation1796630000000 } from './1796630000000-Deliberation.js';
import { Volunteers1796640000000 } from './1796640000000-Volunteers.js';
import { ParticipatoryFund1796650000000 } from './1796650000000-ParticipatoryFund.js';

// Migrations in the order they run. Never edit one that has landed: add a new one.
export const MIGRATIONS = [
  Init1795628236392,
  SentMail1795628445394,
  Registry1795630352618,
  Procurement1795630903925,
  Evaluation1795631404655,
  DirectoryIndex1795631471317,
  Delivery1795631723183,
  Ledger1795631975455,
  Disbursements1795632121001,
  Scoring1795632537407,
  Payments1795633305296,
  ScoreTierColumns1795640251700,
  IncentiveRules1795640296659,
  Notifications1795640406696,
  Exports1795640453373,
  Fund1795640456809,
  ScoringIndexes1795641835475,
  ScoreRollups1795643341069,
  EmailVerification1796472277585,
  DonationCheckoutsIdempotencyKeys1796472913754,
  IdentityChanges1796474520598,
  DropLoginFailures1796476833194,
  GoLive1796480000000,
  PanelConflicts1796483100000,
  DistrictNames1796486400000,
  GrantsNeedVerifiedAddress1796490000000,
  RateLimits1796493600000,
  AcceptanceRatings1796497200000,
  ScoreFormula1796500800000,
  TenderVersion1796600000000,
  EditableVersions1796601000000,
  RegistryVersions1796602000000,
  EditVersions1796603000000,
  Documents1796604000000,
  SealedDocuments1796605000000,
  OcdsReleases1796606000000,
  MilestoneDeliverables1796610000000,
  Deliberation1796630000000,
  Volunteers1796640000000,
  ParticipatoryFund1796650000000,
];
