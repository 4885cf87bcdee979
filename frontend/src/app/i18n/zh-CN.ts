import { zhCNShell } from './zh-CN.shell';
import { zhCNAdmin } from './parts/zh-CN.admin';
import { zhCNAuth } from './parts/zh-CN.auth';
import { zhCNCommon } from './parts/zh-CN.common';
import { zhCNDelivery } from './parts/zh-CN.delivery';
import { zhCNDirectory } from './parts/zh-CN.directory';
import { zhCNExports } from './parts/zh-CN.exports';
import { zhCNFund } from './parts/zh-CN.fund';
import { zhCNMemberships } from './parts/zh-CN.memberships';
import { zhCNMoney } from './parts/zh-CN.money';
import { zhCNNotifications } from './parts/zh-CN.notifications';
import { zhCNOrganizations } from './parts/zh-CN.organizations';
import { zhCNParticipation } from './parts/zh-CN.participation';
import { zhCNProcurement } from './parts/zh-CN.procurement';
import { zhCNProfile } from './parts/zh-CN.profile';
import { zhCNResidents } from './parts/zh-CN.residents';
import { zhCNScores } from './parts/zh-CN.scores';
import { zhCNStaff } from './parts/zh-CN.staff';
import { zhCNTransparency } from './parts/zh-CN.transparency';
import { zhCNVolunteers } from './parts/zh-CN.volunteers';
import { zhCNWeights } from './parts/zh-CN.weights';

/**
 * All Chinese strings of our own UI (NG-ZORRO's come from its zh_CN locale): the shell's, part of
 * the first load, and the pages', one part per feature in parts/ loaded with its routes
 * (i18n.service.ts). Together they make one typed set of keys. The app never loads this file; the
 * specs do (setup-jest.ts).
 */
export const zhCN = {
  ...zhCNShell,
  ...zhCNAdmin,
  ...zhCNAuth,
  ...zhCNCommon,
  ...zhCNDelivery,
  ...zhCNDirectory,
  ...zhCNExports,
  ...zhCNFund,
  ...zhCNMemberships,
  ...zhCNMoney,
  ...zhCNNotifications,
  ...zhCNOrganizations,
  ...zhCNParticipation,
  ...zhCNProcurement,
  ...zhCNProfile,
  ...zhCNResidents,
  ...zhCNScores,
  ...zhCNStaff,
  ...zhCNTransparency,
  ...zhCNVolunteers,
  ...zhCNWeights,
} as const;

export type I18nKey = keyof typeof zhCN;
