import { ORGANIZATION_STATUS } from '../../api/models/organization-status-array';
import { ORGANIZATION_STATUS_ACTION } from '../../api/models/organization-status-action-array';
import { allowedActions } from './status-actions';

describe('officer actions per organization status', () => {
  it.each([
    ['pending', ['verify', 'deregister']],
    ['verified', ['suspend', 'deregister']],
    ['suspended', ['reinstate', 'deregister']],
    ['deregistered', []],
  ] as const)('%s allows %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it('covers every status and offers every action from somewhere', () => {
    const offered = new Set(ORGANIZATION_STATUS.flatMap((s) => allowedActions(s)));
    expect(offered).toEqual(new Set(ORGANIZATION_STATUS_ACTION));
  });

  it('never offers to verify twice or to reinstate a working organization', () => {
    expect(allowedActions('verified')).not.toContain('verify');
    expect(allowedActions('verified')).not.toContain('reinstate');
    expect(allowedActions('pending')).not.toContain('reinstate');
  });
});
