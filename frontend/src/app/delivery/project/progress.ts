import type { MilestoneProgressDto } from '../../api/models';

/** How far a value is towards its target, in whole percent (0–100); a zero target is met. */
export function percentOf(value: number, target: number): number {
  if (target <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((value / target) * 100)));
}

/** The bars of one milestone: approved hours and confirmed beneficiaries against its rule, and satisfaction out of 5. */
export function milestoneBars(m: MilestoneProgressDto) {
  return {
    hours: percentOf(m.approvedHours, m.minApprovedHours),
    beneficiaries: percentOf(m.confirmedBeneficiaries, m.minConfirmedBeneficiaries),
    satisfaction: m.satisfaction === null ? null : percentOf(m.satisfaction, 5),
  };
}
