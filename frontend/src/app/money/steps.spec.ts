import { milestone } from '../testing/delivery';
import { disbursement } from '../testing/money';
import { canReject, milestoneChoices, nextAction, phaseOf, stepTrail } from './steps';

describe('money steps', () => {
  it('offers the step each status waits for', () => {
    expect(nextAction(disbursement({ status: 'requested' }))).toBe('accept');
    expect(nextAction(disbursement({ status: 'accepted' }))).toBe('finance_approve');
    expect(nextAction(disbursement({ status: 'failed' }))).toBe('finance_approve');
    expect(nextAction(disbursement({ status: 'finance_approved' }))).toBe('director_approve');
    expect(nextAction(disbursement({ status: 'approved', method: 'treasury' }))).toBe('record_payment');
    expect(nextAction(disbursement({ status: 'approved', method: 'stripe' }))).toBeNull();
    expect(nextAction(disbursement({ status: 'paid' }))).toBeNull();
  });

  it('lets the current signer return an item until it is approved', () => {
    expect(['requested', 'accepted', 'finance_approved', 'failed'].every((s) => canReject(s as never))).toBe(
      true,
    );
    expect(['approved', 'paid', 'rejected'].some((s) => canReject(s as never))).toBe(false);
  });

  it('shows who signed which step and what comes next, the director only at the threshold', () => {
    const trail = stepTrail(
      disbursement({
        status: 'finance_approved',
        acceptedByName: '刘书记',
        financeApprovedByName: '李会计',
      }),
    );
    expect(trail.map((s) => [s.key, s.by, s.state])).toEqual([
      ['requested', '周主任', 'done'],
      ['accepted', '刘书记', 'done'],
      ['finance', '李会计', 'done'],
      ['director', null, 'current'],
      ['paid', null, 'waiting'],
    ]);
    const small = stepTrail(disbursement({ status: 'approved', needsDirector: false, acceptedByName: 'x' }));
    expect(small.map((s) => `${s.key}:${s.state}`)).toEqual([
      'requested:done',
      'accepted:done',
      'finance:done',
      'paid:current',
    ]);
    expect(stepTrail(disbursement({ status: 'paid' })).every((s) => s.state === 'done')).toBe(true);
    // A failed payout goes back to finance; a returned one keeps who signed before.
    expect(stepTrail(disbursement({ status: 'failed' })).find((s) => s.state === 'current')?.key).toBe(
      'finance',
    );
    const grant = stepTrail(
      disbursement({ kind: 'fund_grant', status: 'finance_approved', needsDirector: false }),
    );
    expect(grant.map((s) => `${s.key}:${s.state}`)).toEqual([
      'requested:done',
      'finance:done',
      'paid:current',
    ]);
    const returned = stepTrail(disbursement({ status: 'rejected', acceptedByName: '刘书记' }));
    expect(returned.filter((s) => s.state === 'done').map((s) => s.key)).toEqual(['requested', 'accepted']);
    expect(returned.some((s) => s.state === 'current')).toBe(false);
  });

  it('tells an organization whether a payment is in approval, paying, paid, failed or returned', () => {
    expect(['requested', 'accepted', 'finance_approved'].map((s) => phaseOf(s as never))).toEqual([
      'in_approval',
      'in_approval',
      'in_approval',
    ]);
    expect(['approved', 'paid', 'failed', 'rejected'].map((s) => phaseOf(s as never))).toEqual([
      'paying',
      'paid',
      'failed',
      'rejected',
    ]);
  });

  it('offers a milestone once its rule holds and while it has no live payment', () => {
    const ms = [
      milestone({ milestoneId: 'a', ruleMet: true }),
      milestone({ milestoneId: 'b', ruleMet: true }),
      milestone({ milestoneId: 'c', ruleMet: false }),
      milestone({ milestoneId: 'd', ruleMet: true }),
      milestone({ milestoneId: 'e', ruleMet: true, status: 'paid' }),
    ];
    const choices = milestoneChoices(ms, [
      disbursement({ id: 'x1', milestoneId: 'b', status: 'accepted' }),
      disbursement({ id: 'x2', milestoneId: 'd', status: 'rejected' }),
    ]);
    expect(choices.map((c) => [c.milestone.milestoneId, c.blocked, c.live?.id ?? null])).toEqual([
      ['a', null, null],
      ['b', 'requested', 'x1'],
      ['c', 'rule', null],
      ['d', null, null], // a returned payment may be requested again
      ['e', 'paid', null],
    ]);
  });
});
