/**
 * Version 1 of the purchase-of-service catalog (PRODUCT §3), as the GoLive migration published it.
 * Frozen: later changes are made by platform admins (new versions) or by a new migration.
 */
export const CATALOG_V1: readonly { code: string; parent?: string; zh: string; en: string }[] = [
  { code: 'elderly', zh: '为老服务', en: 'Elderly services' },
  { code: 'elderly.home_care', parent: 'elderly', zh: '居家养老', en: 'Elderly home care' },
  { code: 'elderly.day_care', parent: 'elderly', zh: '日间照料', en: 'Elderly day care' },
  { code: 'housekeeping', zh: '家政服务', en: 'Housekeeping' },
  { code: 'charity_relief', zh: '慈善救助', en: 'Charity relief' },
  { code: 'correction', zh: '帮教矫治', en: 'Rehabilitation and correction' },
  { code: 'mediation', zh: '矛盾调解', en: 'Mediation' },
  { code: 'youth', zh: '青少年服务', en: 'Youth' },
  { code: 'disability', zh: '助残服务', en: 'Disability' },
  { code: 'culture', zh: '社区文化', en: 'Community culture' },
  { code: 'volunteering', zh: '志愿服务', en: 'Volunteering' },
];
