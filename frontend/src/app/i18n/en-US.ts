import { enUSShell } from './en-US.shell';
import { enUSAdmin } from './parts/en-US.admin';
import { enUSAuth } from './parts/en-US.auth';
import { enUSCommon } from './parts/en-US.common';
import { enUSDelivery } from './parts/en-US.delivery';
import { enUSDirectory } from './parts/en-US.directory';
import { enUSExports } from './parts/en-US.exports';
import { enUSFund } from './parts/en-US.fund';
import { enUSMemberships } from './parts/en-US.memberships';
import { enUSMoney } from './parts/en-US.money';
import { enUSNotifications } from './parts/en-US.notifications';
import { enUSOrganizations } from './parts/en-US.organizations';
import { enUSParticipation } from './parts/en-US.participation';
import { enUSProcurement } from './parts/en-US.procurement';
import { enUSProfile } from './parts/en-US.profile';
import { enUSResidents } from './parts/en-US.residents';
import { enUSScores } from './parts/en-US.scores';
import { enUSStaff } from './parts/en-US.staff';
import { enUSTransparency } from './parts/en-US.transparency';
import { enUSVolunteers } from './parts/en-US.volunteers';
import { enUSWeights } from './parts/en-US.weights';
import type { I18nKey } from './zh-CN';

/** All English strings (see zh-CN.ts); each part is typed against its Chinese part. */
export const enUS: Record<I18nKey, string> = {
  ...enUSShell,
  ...enUSAdmin,
  ...enUSAuth,
  ...enUSCommon,
  ...enUSDelivery,
  ...enUSDirectory,
  ...enUSExports,
  ...enUSFund,
  ...enUSMemberships,
  ...enUSMoney,
  ...enUSNotifications,
  ...enUSOrganizations,
  ...enUSParticipation,
  ...enUSProcurement,
  ...enUSProfile,
  ...enUSResidents,
  ...enUSScores,
  ...enUSStaff,
  ...enUSTransparency,
  ...enUSVolunteers,
  ...enUSWeights,
};
