import type { ScoreSnapshotDto } from '../api/models';
import { enUS } from '../i18n/en-US';
import { type I18nKey, zhCN } from '../i18n/zh-CN';
import { type Translate, explainScore, formatNumber } from './score-explanation';

/** The dictionaries as the I18n service reads them ({name} placeholders). */
const translator =
  (dict: Record<I18nKey, string>): Translate =>
  (key, params) =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => params?.[name] ?? m);

/**
 * The backend's worked example (backend/test/scoring.e2e-spec.ts): 50 of 100 contracted hours approved and
 * 1 of 1 milestone on time → delivery 65; ratings 5 and 4 with the prior 4 × 10 → 4.0833 → satisfaction
 * 77.08; 4 records, 1 rejected → 75; 1 of 2 members qualified → 50; 3 residents, 2 communities → 35;
 * score 62.77, tier C.
 */
export const WORKED_EXAMPLE: ScoreSnapshotDto = {
  periodStart: '2025-06-30',
  periodEnd: '2026-06-30',
  formulaVersion: 'v1',
  score: 62.77,
  tier: 'C',
  indicators: { delivery: 65, satisfaction: 77.08, compliance: 75, capacity: 50, reach: 35 },
  weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
  inputs: {
    approvedHours: 50,
    contractedHours: 100,
    milestonesDue: 1,
    milestonesOnTime: 1,
    ratings: 2,
    ratingTotal: 9,
    records: 4,
    rejected: 1,
    members: 2,
    qualified: 1,
    beneficiaries: 3,
    communities: 2,
    priorMean: 4,
    priorWeight: 10,
  },
  computedAt: '2026-06-30T18:00:00.000Z',
};

describe('explainScore', () => {
  it('explains the worked example in English, sentence by sentence', () => {
    const e = explainScore(WORKED_EXAMPLE, translator(enUS), 'en-US');
    expect(e.summary).toBe(
      'Score 62.77, tier C: the five indicators weighted 30/25/15/15/15 and added up, over 2025-06-30 to 2026-06-30, formula v1.',
    );
    expect(e.nextTier).toBe('7.23 more points reach tier B (70).');
    expect(e.indicators.map((l) => l.sentence)).toEqual([
      'Delivery 65/100: 50 of 100 contracted hours approved (50%), 1 of 1 milestones requested on time.',
      'Satisfaction 77.1/100: 2 ratings averaging 4.5, pulled towards the prior 4 by weight 10 (4.08 of 5 after weighting).',
      'Compliance 75/100: 3 of 4 service records not rejected (1 rejected).',
      'Capacity 50/100: 1 of 2 active team members hold a verified qualification.',
      'Reach 35/100: 3 residents confirmed a service (5 points each) in 2 communities served (10 points each), at most 100.',
    ]);
    expect(e.indicators.map((l) => l.points)).toEqual([19.5, 19.27, 11.25, 7.5, 5.25]);
    expect(e.strongest).toBe('Strongest: Satisfaction (77.1).');
    expect(e.weakest).toBe('Weakest: Reach (35).');
    // Points left: delivery 30 × 35% = 10.5, reach 15 × 65% = 9.75, capacity 15 × 50% = 7.5 (then 5.73, 3.75).
    expect(e.improvements).toEqual([
      'Delivery (up to +10.5 points): get 50 more contracted hours delivered and approved.',
      'Reach (up to +9.8 points): 13 more residents confirming a service, or serving new communities (10 points each).',
      'Capacity (up to +7.5 points): a verified qualification for 1 more of the team.',
    ]);
  });

  it('explains the worked example in Chinese', () => {
    const e = explainScore(WORKED_EXAMPLE, translator(zhCN), 'zh-CN');
    expect(e.summary).toBe(
      '总分 62.77，C 级：五项指标按权重（30/25/15/15/15）加权求和，统计期间 2025-06-30 至 2026-06-30，公式 v1。',
    );
    expect(e.nextTier).toBe('再提高 7.23 分即可达到 B 级（70 分）。');
    expect(e.indicators.map((l) => l.sentence)).toEqual([
      '履约 65/100：合同约定 100 小时中已审核通过 50 小时（50%），1 个到期付款节点中 1 个按时申请。',
      '满意度 77.1/100：2 条居民评价，平均 4.5 分，按权重 10 向先验均值 4 收拢（加权后 4.08/5）。',
      '合规 75/100：4 条服务记录中 3 条未被驳回（驳回 1 条）。',
      '能力 50/100：2 名在岗成员中 1 名持有已核验的职业资格。',
      '覆盖 35/100：3 名居民确认接受服务（每人 5 分），服务了 2 个社区（每个 10 分），最高 100 分。',
    ]);
    expect(e.strongest).toBe('最强项：满意度（77.1）。');
    expect(e.weakest).toBe('最弱项：覆盖（35）。');
    expect(e.improvements).toEqual([
      '履约（最多 +10.5 分）：再完成并审核通过 50 小时合同服务。',
      '覆盖（最多 +9.8 分）：再有 13 名居民确认接受服务，或到新的社区服务（每个社区 10 分）。',
      '能力（最多 +7.5 分）：再有 1 名成员取得并核验职业资格。',
    ]);
  });

  it('says where a neutral value comes from, for an organization without history', () => {
    const fresh: ScoreSnapshotDto = {
      ...WORKED_EXAMPLE,
      score: 60.75,
      tier: 'C',
      indicators: { delivery: 70, satisfaction: 75, compliance: 70, capacity: 0, reach: 70 },
      inputs: {
        ...WORKED_EXAMPLE.inputs,
        approvedHours: 0,
        contractedHours: 0,
        milestonesDue: 0,
        milestonesOnTime: 0,
        ratings: 0,
        ratingTotal: 0,
        records: 0,
        rejected: 0,
        members: 1,
        qualified: 0,
        beneficiaries: 0,
        communities: 0,
      },
    };
    const e = explainScore(fresh, translator(enUS), 'en-US');
    expect(e.indicators.map((l) => l.sentence)).toEqual([
      'Delivery 70/100: no contract with service hours in the period, so the neutral 70 applies.',
      'Satisfaction 75/100: no ratings in the period yet, so the prior 4 of 5 applies.',
      'Compliance 70/100: no service records in the period, so the neutral 70 applies.',
      'Capacity 0/100: 0 of 1 active team members hold a verified qualification.',
      'Reach 70/100: no service records in the period, so the neutral 70 applies.',
    ]);
    expect(e.nextTier).toBe('9.25 more points reach tier B (70).');
    // The three largest gains: capacity 15, delivery 9 (30 × 30%), satisfaction 6.25 (25 × 25%).
    expect(e.improvements).toEqual([
      'Capacity (up to +15 points): a verified qualification for 1 more of the team.',
      'Delivery (up to +9 points): win and deliver service contracts; without one, delivery stays at the neutral 70.',
      'Satisfaction (up to +6.3 points): ask the residents served to rate their service records; good first ratings lift it above the prior.',
    ]);
  });

  it('mentions late milestones, the top tier, and a perfect record', () => {
    const late = explainScore(
      {
        ...WORKED_EXAMPLE,
        score: 88,
        tier: 'A',
        indicators: { ...WORKED_EXAMPLE.indicators, delivery: 79 },
        inputs: { ...WORKED_EXAMPLE.inputs, approvedHours: 100, milestonesDue: 10, milestonesOnTime: 3 },
      },
      translator(enUS),
      'en-US',
    );
    expect(late.nextTier).toBe('Tier A is the highest tier.');
    expect(late.improvements[0]).toBe(
      'Reach (up to +9.8 points): 13 more residents confirming a service, or serving new communities (10 points each).',
    );
    expect(late.improvements).toContain(
      'Delivery (up to +6.3 points): request each milestone payment by its due date (7 were late this period).',
    );

    const perfect = explainScore(
      {
        ...WORKED_EXAMPLE,
        score: 100,
        tier: 'A',
        indicators: { delivery: 100, satisfaction: 100, compliance: 100, capacity: 100, reach: 100 },
      },
      translator(enUS),
      'en-US',
    );
    expect(perfect.improvements).toEqual(['Every indicator is at its maximum.']);
    expect(perfect.strongest).toBe('All five indicators score the same (100).');
    expect(perfect.weakest).toBe('');
  });

  it('groups thousands in large figures', () => {
    expect(formatNumber(1240, 'en-US')).toBe('1,240');
    expect(formatNumber(77.08, 'zh-CN')).toBe('77.1');
    const big = explainScore(
      {
        ...WORKED_EXAMPLE,
        indicators: { ...WORKED_EXAMPLE.indicators, delivery: 84 },
        inputs: {
          ...WORKED_EXAMPLE.inputs,
          approvedHours: 1240,
          contractedHours: 1500,
          milestonesDue: 5,
          milestonesOnTime: 4,
        },
      },
      translator(enUS),
      'en-US',
    );
    expect(big.indicators[0].sentence).toBe(
      'Delivery 84/100: 1,240 of 1,500 contracted hours approved (83%), 4 of 5 milestones requested on time.',
    );
  });
});
