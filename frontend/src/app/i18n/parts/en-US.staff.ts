import type { zhCNStaff } from './zh-CN.staff';

/** English strings of zh-CN.staff.ts, with exactly its keys. */
export const enUSStaff: Record<keyof typeof zhCNStaff, string> = {
  'staff.categories': 'Evaluation categories',
  'staff.email': 'E-mail',
  'staff.emailRule': 'Enter a valid e-mail address',
  'staff.empty': 'No grants yet',
  'staff.endsOn': 'Ends (optional)',
  'staff.grant': 'Grant',
  'staff.grantTitle': 'Grant a role in {region}',
  'staff.granted': 'Granted to {name} ({email}); a notice was mailed',
  'staff.grantedBy': 'Granted by {name}',
  'staff.inviteHint':
    'Nobody sets a password for someone else: the person sets their own by the mailed link, and the role takes effect once their address is verified.',
  'staff.invited':
    'Granted to {name} ({email}); a link to set a password was mailed, the role takes effect once they do',
  'staff.listTitle': 'Grants in this region (with history)',
  'staff.name': 'Name (for a new account)',
  'staff.noMatch': 'No grants match',
  'staff.noRegion': 'There is no region you grant roles in',
  'staff.region': 'Region',
  'staff.regionPlaceholder': 'Choose a street or community',
  'staff.revoke': 'Revoke',
  'staff.revokeReason': 'Why',
  'staff.revokeRule': 'Give the reason (2 characters or more)',
  'staff.revokedBy': 'Revoked by {name}: {reason}',
  'staff.role': 'Role',
  'staff.roleRule': 'Choose a role',
  'staff.search': 'Find by name or e-mail',
  'staff.since': 'Since {day}',
  'staff.startsOn': 'Starts (optional)',
  'staff.status.active': 'Active',
  'staff.status.ended': 'Ended',
  'staff.status.revoked': 'Revoked',
  'staff.status.scheduled': 'Not started',
  'staff.subtitleAdmin':
    'Grant the roles of streets and communities: director, officers, finance, community staff, and the evaluators of a street or the district. People are named by e-mail; a new address is mailed a link to set its password.',
  'staff.subtitleDirector':
    "Grant your street's officers, finance, community staff and evaluators. People are named by e-mail; a new address is mailed a link to set its password.",
  'staff.waiting': 'Password not set yet',
};
