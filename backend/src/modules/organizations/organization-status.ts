import { DomainError } from '../../common/errors/domain-error.js';
import type { StatusAction } from './dto/organization.dto.js';
import type { OrganizationStatus } from './organization.entity.js';

/** The organization state machine (PRODUCT §2), in one table: action → allowed from, resulting state. */
export const STATUS_TRANSITIONS: Record<
  StatusAction,
  { from: readonly OrganizationStatus[]; to: OrganizationStatus }
> = {
  verify: { from: ['pending'], to: 'verified' },
  suspend: { from: ['verified'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'verified' },
  deregister: { from: ['pending', 'verified', 'suspended'], to: 'deregistered' },
};

export function nextStatus(current: OrganizationStatus, action: StatusAction): OrganizationStatus {
  const transition = STATUS_TRANSITIONS[action];
  if (!transition.from.includes(current)) {
    throw new DomainError(
      'state.invalid_transition',
      `An organization that is ${current} cannot be asked to ${action}`,
      {
        status: current,
        action,
        allowedFrom: transition.from,
      },
    );
  }
  return transition.to;
}
