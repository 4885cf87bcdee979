import type { IncentiveDecisionDto } from '../api/models';
import { enUS } from '../i18n/en-US';
import { type I18nKey, zhCN } from '../i18n/zh-CN';
import { badgeOf, barOf, decisionSentence, evidenceMonths, ruleSentence } from './incentive-words';

const translator =
  (dict: Record<I18nKey, string>) =>
  (key: I18nKey, params?: Record<string, string>): string =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => params?.[name] ?? m);
const en = translator(enUS);
const zh = translator(zhCN);

const decision = (overrides: Partial<IncentiveDecisionDto>): IncentiveDecisionDto => ({
  id: 'd1',
  action: 'badge',
  subject: '2026-11',
  outcome: 'applied',
  explanation: 'the API explanation',
  effectiveFrom: '2026-11-30',
  effectiveUntil: '2026-12-31',
  amountFen: null,
  disbursementId: null,
  rule: { tier: 'A', consecutiveMonths: 1, action: 'badge', bonusShareBp: null, barMonths: null },
  evidence: { months: [{ month: '2026-11', tier: 'A', score: 88.2 }] },
  decidedAt: '2026-11-30T02:00:00.000Z',
  ...overrides,
});

describe('ruleSentence', () => {
  it('reads each kind of rule in plain words, in both languages', () => {
    const badge = { tier: 'A', consecutiveMonths: 1, action: 'badge' } as const;
    const bonus = { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 500 } as const;
    const bar = { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 } as const;
    expect(ruleSentence(badge, en)).toBe('Tier A for 1 month → badge');
    expect(ruleSentence(bonus, en)).toBe(
      'Tier A for 1 month → bonus of 5.00 % of the final milestone from the incentive pool',
    );
    expect(ruleSentence(bar, en)).toBe('Tier D for 2 consecutive months → new bids barred for 6 months');
    expect(ruleSentence(badge, zh)).toBe('A 级满 1 个月 → 授予 A 级激励徽章');
    expect(ruleSentence(bonus, zh)).toBe('A 级满 1 个月 → 从激励资金池奖励终期款的 5.00%');
    expect(ruleSentence(bar, zh)).toBe('连续 2 个月 D 级 → 6 个月内不得参与新投标');
  });

  it('shows a bonus share with its hundredths exactly (1234 bp → 12.34 %)', () => {
    expect(ruleSentence({ tier: 'B', consecutiveMonths: 3, action: 'bonus', bonusShareBp: 1234 }, en)).toBe(
      'Tier B for 3 consecutive months → bonus of 12.34 % of the final milestone from the incentive pool',
    );
  });
});

describe('decisionSentence', () => {
  it('explains a one-month badge with the month, score and end date', () => {
    const d = decision({});
    expect(decisionSentence(d, en)).toBe('Tier A in 2026-11 (88.20): Tier A badge until 2026-12-31.');
    expect(decisionSentence(d, zh)).toBe(
      '2026-11 为 A 级（88.20 分）：获得 A 级激励徽章，有效期至 2026-12-31。',
    );
  });

  it('lists every month of a streak, oldest first, whatever order the evidence had', () => {
    const d = decision({
      rule: { tier: 'A', consecutiveMonths: 2, action: 'badge' },
      evidence: {
        months: [
          { month: '2026-11', tier: 'A', score: '88.2' },
          { month: '2026-10', tier: 'A', score: 86 },
        ],
      },
    });
    expect(decisionSentence(d, en)).toBe(
      'Tier A for 2 consecutive months (2026-10: 86.00, 2026-11: 88.20): Tier A badge until 2026-12-31.',
    );
    expect(decisionSentence(d, zh)).toBe(
      '连续 2 个月 A 级（2026-10：86.00 分，2026-11：88.20 分）：获得 A 级激励徽章，有效期至 2026-12-31。',
    );
  });

  it('explains a bar on new bids with its length and end date', () => {
    const d = decision({
      action: 'bar',
      subject: '2026-11',
      effectiveFrom: '2026-11-15',
      effectiveUntil: '2027-05-15',
      rule: { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 },
      evidence: {
        months: [
          { month: '2026-10', tier: 'D', score: 55.5 },
          { month: '2026-11', tier: 'D', score: 52 },
        ],
      },
    });
    expect(decisionSentence(d, en)).toBe(
      'Tier D for 2 consecutive months (2026-10: 55.50, 2026-11: 52.00): new bids barred for 6 months, until 2027-05-15.',
    );
    expect(decisionSentence(d, zh)).toBe(
      '连续 2 个月 D 级（2026-10：55.50 分，2026-11：52.00 分）：6 个月内不得参与新投标，至 2027-05-15。',
    );
  });

  it('explains a bonus with the share, the final milestone and the amount in yuan', () => {
    const d = decision({
      action: 'bonus',
      subject: 'contract-1',
      effectiveUntil: null,
      amountFen: 360_000,
      disbursementId: 'disb-1',
      rule: { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 500 },
      evidence: {
        months: [{ month: '2026-11', score: 91 }],
        milestoneId: 'm3',
        milestoneAmountFen: 7_200_000,
      },
    });
    expect(decisionSentence(d, en)).toBe(
      "Tier A in 2026-11 (91.00): bonus of 5.00 % of the final milestone (¥72,000.00) = ¥3,600.00 from the street's incentive pool, through the usual approvals.",
    );
    expect(decisionSentence(d, zh)).toBe(
      '2026-11 为 A 级（91.00 分）：从街道激励资金池奖励终期款（¥72,000.00）的 5.00%，计 ¥3,600.00，按常规流程审批。',
    );
  });

  it('says when a matched rule was not carried out', () => {
    const d = decision({ outcome: 'skipped' });
    expect(decisionSentence(d, en)).toBe(
      'Tier A in 2026-11 (88.20): Tier A badge until 2026-12-31. (Not carried out yet; retried after the next scoring run.)',
    );
  });

  it.each<[string, Partial<IncentiveDecisionDto>]>([
    ['no tier in the rule', { rule: { consecutiveMonths: 1, action: 'badge' } }],
    ['no months in the evidence', { evidence: {} }],
    ['a malformed month', { evidence: { months: [{ month: 'November', score: 88 }] } }],
    ['fewer months than the rule asked for', { rule: { tier: 'A', consecutiveMonths: 3, action: 'badge' } }],
    ['a bar without its length', { action: 'bar', rule: { tier: 'D', consecutiveMonths: 1, action: 'bar' } }],
    [
      'a bonus without the milestone amount',
      {
        action: 'bonus',
        amountFen: 100,
        rule: { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 500 },
      },
    ],
  ])('falls back to the API explanation with %s', (_, overrides) => {
    expect(decisionSentence(decision(overrides), zh)).toBe('the API explanation');
  });
});

describe('evidenceMonths', () => {
  it('reads numeric strings as scores and keeps an unknown tier as null', () => {
    expect(evidenceMonths({ months: [{ month: '2026-01', tier: 'Z', score: '70.5' }] })).toEqual([
      { month: '2026-01', tier: null, score: 70.5 },
    ]);
    expect(evidenceMonths({ months: [] })).toBeNull();
    expect(evidenceMonths(null)).toBeNull();
  });
});

describe('badgeOf and barOf', () => {
  it('gives the badge in force with its tier, months and end', () => {
    const badge = decision({
      rule: { tier: 'A', consecutiveMonths: 2, action: 'badge' },
      evidence: {
        months: [
          { month: '2026-11', tier: 'A', score: 88 },
          { month: '2026-10', tier: 'A', score: 86 },
        ],
      },
    });
    expect(badgeOf({ badge })).toEqual({ tier: 'A', months: ['2026-10', '2026-11'], until: '2026-12-31' });
    expect(badgeOf({ badge: null })).toBeNull();
    expect(badgeOf(null)).toBeNull();
    expect(badgeOf({ badge: decision({ rule: {} }) })).toBeNull();
  });

  it('gives the bar in force with its end', () => {
    const bar = decision({
      action: 'bar',
      effectiveUntil: '2027-05-15',
      rule: { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 },
    });
    expect(barOf({ bar })).toEqual({ until: '2027-05-15', months: 6 });
    expect(barOf({ bar: null })).toBeNull();
  });
});
