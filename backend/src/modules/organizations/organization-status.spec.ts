import { nextStatus, STATUS_TRANSITIONS } from './organization-status.js';
import { ORGANIZATION_STATUSES } from './organization.entity.js';

describe('organization state machine', () => {
  it('follows pending → verified → suspended → verified, and deregisters from any live state', () => {
    expect(nextStatus('pending', 'verify')).toBe('verified');
    expect(nextStatus('verified', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'reinstate')).toBe('verified');
    for (const from of ['pending', 'verified', 'suspended'] as const)
      expect(nextStatus(from, 'deregister')).toBe('deregistered');
  });

  it('refuses every other move with the allowed states in the error', () => {
    let refused = 0;
    for (const [action, { from }] of Object.entries(STATUS_TRANSITIONS)) {
      for (const status of ORGANIZATION_STATUSES.filter((s) => !from.includes(s))) {
        expect(() => nextStatus(status, action as keyof typeof STATUS_TRANSITIONS)).toThrow(
          expect.objectContaining({
            code: 'state.invalid_transition',
            details: expect.objectContaining({ status, action }),
          }),
        );
        refused++;
      }
    }
    expect(refused).toBe(10); // three refused sources for each single-source action, and deregistered is final
  });
});
