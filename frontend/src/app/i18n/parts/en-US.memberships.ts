import type { zhCNMemberships } from './zh-CN.memberships';

/** English strings of zh-CN.memberships.ts, with exactly its keys. */
export const enUSMemberships: Record<keyof typeof zhCNMemberships, string> = {
  'memberships.accept': 'Accept',
  'memberships.accepted': 'You joined the organization',
  'memberships.decline': 'Decline',
  'memberships.declined': 'Invitation declined',
  'memberships.invitations': 'Invitations',
  'memberships.invitedAs': 'Sent to {contact}',
  'memberships.noInvitations': 'No invitations',
  'memberships.noOrganizations': 'You have not joined any organization',
  'memberships.organizations': 'My organizations',
  'memberships.recordQualification': 'Record my qualification',
  'memberships.verify': 'Verify my e-mail',
};
