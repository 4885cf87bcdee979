import type { OrganizationStatus, OrganizationStatusAction } from '../../api/models';

/**
 * What a street officer may do from each status, in the order the buttons show: the server's state
 * machine (pending→verified, verified⇄suspended, any live state→deregistered), mirrored so only
 * possible actions are offered. The server still has the last word (409 state.invalid_transition).
 */
export const ALLOWED_ACTIONS: Record<OrganizationStatus, readonly OrganizationStatusAction[]> = {
  pending: ['verify', 'deregister'],
  verified: ['suspend', 'deregister'],
  suspended: ['reinstate', 'deregister'],
  deregistered: [],
};

export function allowedActions(status: OrganizationStatus): readonly OrganizationStatusAction[] {
  return ALLOWED_ACTIONS[status] ?? [];
}

/** Actions that take the organization out of service get a red button. */
export const DANGEROUS_ACTIONS: ReadonlySet<OrganizationStatusAction> = new Set(['suspend', 'deregister']);
