import type { zhCNProfile } from './zh-CN.profile';

/** English strings of zh-CN.profile.ts, with exactly its keys. */
export const enUSProfile: Record<keyof typeof zhCNProfile, string> = {
  'profile.displayName': 'Name',
  'profile.email': 'E-mail',
  'profile.emailUnverified': 'Not verified',
  'profile.emailVerified': 'Verified',
  'profile.noRoles': 'No roles yet',
  'profile.phone': 'Phone',
  'profile.phoneUnverified': 'contact only, not verified',
  'profile.resend': 'Resend the verification e-mail',
  'profile.resent': 'Verification e-mail sent: check your inbox',
  'profile.roles': 'Roles',
  'profile.title': 'Profile',
};
