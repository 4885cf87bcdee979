import type { zhCNResidents } from './zh-CN.residents';

/** English strings of zh-CN.residents.ts, with exactly its keys. */
export const enUSResidents: Record<keyof typeof zhCNResidents, string> = {
  'join.help':
    'Choose the community you live in. Once its staff confirm you, you are a resident of it and can post service needs.',
  'join.mine': 'My requests',
  'join.none': 'No requests yet',
  'join.note': 'Note',
  'join.noteHelp': 'Helps the staff recognise you, e.g. building and unit',
  'join.noteRule': 'At most {max} characters',
  'join.reason': 'Note from the staff: {reason}',
  'join.sent': 'Request sent; the community staff will confirm it',
  'join.submit': 'Send request',
  'join.title': 'Join my community',
  'residents.approve': 'Confirm',
  'residents.approved': 'Confirmed as a resident',
  'residents.empty': 'No requests waiting',
  'residents.noMatch': 'No requests match',
  'residents.search': 'Search by name or e-mail',
  'residents.statusFilter': 'Request status',
  'residents.refuse': 'Refuse',
  'residents.refuseReason': 'Reason for refusing',
  'residents.refused': 'Refused',
  'residents.title': 'Resident requests {community}',
};
