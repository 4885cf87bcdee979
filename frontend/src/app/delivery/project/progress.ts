import type { MilestoneProgressDto } from '../../api/models';
import type { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';

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

/** One measure of a milestone against its acceptance rule: what it is, how far it is, its bar. */
export interface MilestoneMeasure {
  testId: string;
  label: I18nKey;
  value: string;
  percent: number;
  status: 'success' | 'active' | 'normal';
}

/**
 * A milestone's measures as its card shows them, each a head line over a bar: approved hours and
 * confirmed beneficiaries against the rule's minimum (the bar green once met), and satisfaction out
 * of 5 (none yet: `noRatings`). `hours` formats a number of hours as the page does.
 */
export function milestoneMeasures(
  m: MilestoneProgressDto,
  t: I18n['t'],
  hours: (value: number) => string,
): MilestoneMeasure[] {
  const bar = milestoneBars(m);
  const met = (percent: number) => (percent >= 100 ? 'success' : 'active');
  return [
    {
      testId: 'milestone-hours',
      label: 'delivery.milestone.hours',
      value: `${hours(m.approvedHours)} / ${hours(m.minApprovedHours)} ${t('delivery.milestone.hoursUnit')}`,
      percent: bar.hours,
      status: met(bar.hours),
    },
    {
      testId: 'milestone-beneficiaries',
      label: 'delivery.milestone.beneficiaries',
      value: `${m.confirmedBeneficiaries} / ${m.minConfirmedBeneficiaries} ${t('delivery.milestone.peopleUnit')}`,
      percent: bar.beneficiaries,
      status: met(bar.beneficiaries),
    },
    {
      testId: 'milestone-satisfaction',
      label: 'delivery.milestone.satisfaction',
      value: m.satisfaction === null ? t('delivery.milestone.noRatings') : `${m.satisfaction.toFixed(2)} / 5`,
      percent: bar.satisfaction ?? 0,
      status: 'normal',
    },
  ];
}
