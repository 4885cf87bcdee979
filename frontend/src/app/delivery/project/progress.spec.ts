import { milestone } from '../../testing/delivery';
import { milestoneBars, percentOf } from './progress';

describe('milestone progress', () => {
  it('measures each value against its target, capped at 100 %', () => {
    expect(percentOf(0.5, 1)).toBe(50);
    expect(percentOf(3, 1)).toBe(100);
    expect(percentOf(0, 0)).toBe(100);
    expect(percentOf(1, 3)).toBe(33);
  });

  it('gives the bars of a milestone, satisfaction out of 5 and none without ratings', () => {
    expect(milestoneBars(milestone())).toEqual({ hours: 50, beneficiaries: 100, satisfaction: 93 });
    expect(milestoneBars(milestone({ satisfaction: null })).satisfaction).toBeNull();
  });
});
