// The parts of the pages' strings (one per feature, named after its directory, and common).
/** Each part's loader in each language; a route names its feature's part (app.routes.ts). */
export const PAGE_PARTS = {
  admin: {
    'zh-CN': () => import('./zh-CN.admin').then((m) => m.zhCNAdmin),
    'en-US': () => import('./en-US.admin').then((m) => m.enUSAdmin),
  },
  auth: {
    'zh-CN': () => import('./zh-CN.auth').then((m) => m.zhCNAuth),
    'en-US': () => import('./en-US.auth').then((m) => m.enUSAuth),
  },
  common: {
    'zh-CN': () => import('./zh-CN.common').then((m) => m.zhCNCommon),
    'en-US': () => import('./en-US.common').then((m) => m.enUSCommon),
  },
  delivery: {
    'zh-CN': () => import('./zh-CN.delivery').then((m) => m.zhCNDelivery),
    'en-US': () => import('./en-US.delivery').then((m) => m.enUSDelivery),
  },
  directory: {
    'zh-CN': () => import('./zh-CN.directory').then((m) => m.zhCNDirectory),
    'en-US': () => import('./en-US.directory').then((m) => m.enUSDirectory),
  },
  exports: {
    'zh-CN': () => import('./zh-CN.exports').then((m) => m.zhCNExports),
    'en-US': () => import('./en-US.exports').then((m) => m.enUSExports),
  },
  fund: {
    'zh-CN': () => import('./zh-CN.fund').then((m) => m.zhCNFund),
    'en-US': () => import('./en-US.fund').then((m) => m.enUSFund),
  },
  memberships: {
    'zh-CN': () => import('./zh-CN.memberships').then((m) => m.zhCNMemberships),
    'en-US': () => import('./en-US.memberships').then((m) => m.enUSMemberships),
  },
  money: {
    'zh-CN': () => import('./zh-CN.money').then((m) => m.zhCNMoney),
    'en-US': () => import('./en-US.money').then((m) => m.enUSMoney),
  },
  notifications: {
    'zh-CN': () => import('./zh-CN.notifications').then((m) => m.zhCNNotifications),
    'en-US': () => import('./en-US.notifications').then((m) => m.enUSNotifications),
  },
  organizations: {
    'zh-CN': () => import('./zh-CN.organizations').then((m) => m.zhCNOrganizations),
    'en-US': () => import('./en-US.organizations').then((m) => m.enUSOrganizations),
  },
  participation: {
    'zh-CN': () => import('./zh-CN.participation').then((m) => m.zhCNParticipation),
    'en-US': () => import('./en-US.participation').then((m) => m.enUSParticipation),
  },
  procurement: {
    'zh-CN': () => import('./zh-CN.procurement').then((m) => m.zhCNProcurement),
    'en-US': () => import('./en-US.procurement').then((m) => m.enUSProcurement),
  },
  profile: {
    'zh-CN': () => import('./zh-CN.profile').then((m) => m.zhCNProfile),
    'en-US': () => import('./en-US.profile').then((m) => m.enUSProfile),
  },
  residents: {
    'zh-CN': () => import('./zh-CN.residents').then((m) => m.zhCNResidents),
    'en-US': () => import('./en-US.residents').then((m) => m.enUSResidents),
  },
  scores: {
    'zh-CN': () => import('./zh-CN.scores').then((m) => m.zhCNScores),
    'en-US': () => import('./en-US.scores').then((m) => m.enUSScores),
  },
  staff: {
    'zh-CN': () => import('./zh-CN.staff').then((m) => m.zhCNStaff),
    'en-US': () => import('./en-US.staff').then((m) => m.enUSStaff),
  },
  transparency: {
    'zh-CN': () => import('./zh-CN.transparency').then((m) => m.zhCNTransparency),
    'en-US': () => import('./en-US.transparency').then((m) => m.enUSTransparency),
  },
  volunteers: {
    'zh-CN': () => import('./zh-CN.volunteers').then((m) => m.zhCNVolunteers),
    'en-US': () => import('./en-US.volunteers').then((m) => m.enUSVolunteers),
  },
  weights: {
    'zh-CN': () => import('./zh-CN.weights').then((m) => m.zhCNWeights),
    'en-US': () => import('./en-US.weights').then((m) => m.enUSWeights),
  },
};

/** A feature whose pages have their own strings, or common (loaded with any page). */
export type PagePart = keyof typeof PAGE_PARTS;

/** The features (directories with routes); one whose pages draw only common strings has no part. */
export const FEATURES = [
  'admin',
  'auth',
  'delivery',
  'directory',
  'exports',
  'fund',
  'incentives',
  'memberships',
  'money',
  'notifications',
  'organizations',
  'participation',
  'procurement',
  'profile',
  'residents',
  'scores',
  'staff',
  'transparency',
  'volunteers',
  'weights',
] as const;
export type Feature = (typeof FEATURES)[number];
