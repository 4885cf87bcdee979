import type { ScoreSnapshotDto } from '../api/models';
import { enUS } from '../i18n/en-US';
import { type I18nKey, zhCN } from '../i18n/zh-CN';
import { type Translate, explainFormulaChange, explainScore, formatNumber } from './score-explanation';

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
    // Formula v1 did not read v2's inputs.
    acceptanceRatings: null,
    acceptanceMean: null,
    residentSatisfaction: null,
    acceptanceSatisfaction: null,
    acceptanceWeight: null,
    upheldComplaints: null,
    reportsDue: null,
    reportsLate: null,
    reportsMissing: null,
    membersAtStart: null,
    membersRetained: null,
    needsAddressed: null,
  },
  computedAt: '2026-06-30T18:00:00.000Z',
};

/**
 * A formula v2 snapshot using every new input (the formula of backend scoring.sql.ts):
 *   delivery     = 100 × (0.7 × 50/100 + 0.3 × 3/5) = 53
 *   satisfaction = 0.7 × 77.083 (residents, as v1) + 0.3 × 79.167 (2 acceptance ratings, mean 4.1667) = 77.71
 *   compliance   = 0.7 × 100 × (4 − 1 rejected − 1 upheld) / 4 + 0.3 × 100 × (4 − 0.5 × 1 late − 1 missing) / 4
 *                = 0.7 × 50 + 0.3 × 62.5 = 53.75
 *   capacity     = 0.5 × 1/2 qualified + 0.5 × 3/4 retained = 62.5
 *   reach        = 5 × 3 + 10 × 2 communities + 10 × 2 needs = 55
 *   score        = (30 × 53 + 25 × 77.708 + 15 × 53.75 + 15 × 62.5 + 15 × 55) / 100 = 61.01, tier C
 */
export const V2_EXAMPLE: ScoreSnapshotDto = {
  ...WORKED_EXAMPLE,
  periodStart: '2025-07-01',
  periodEnd: '2026-07-01',
  formulaVersion: 'v2',
  score: 61.01,
  tier: 'C',
  indicators: { delivery: 53, satisfaction: 77.71, compliance: 53.75, capacity: 62.5, reach: 55 },
  inputs: {
    ...WORKED_EXAMPLE.inputs,
    milestonesDue: 5,
    milestonesOnTime: 3,
    acceptanceRatings: 2,
    acceptanceMean: 4.1667,
    residentSatisfaction: 77.08,
    acceptanceSatisfaction: 79.17,
    acceptanceWeight: 30,
    upheldComplaints: 1,
    reportsDue: 4,
    reportsLate: 1,
    reportsMissing: 1,
    membersAtStart: 4,
    membersRetained: 3,
    needsAddressed: 2,
  },
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

describe('explainScore, formula v2', () => {
  it('explains each new input in English', () => {
    const e = explainScore(V2_EXAMPLE, translator(enUS), 'en-US');
    expect(e.summary).toBe(
      'Score 61.01, tier C: the five indicators weighted 30/25/15/15/15 and added up, over 2025-07-01 to 2026-07-01, formula v2.',
    );
    expect(e.indicators.map((l) => l.sentence)).toEqual([
      'Delivery 53/100: 50 of 100 contracted hours approved (50%), 3 of 5 milestones requested on time.',
      "Satisfaction 77.7/100: 70% from residents' ratings (77.1/100) and 30% from 2 acceptance ratings by community staff, averaging 4.17 of 5 (79.2/100). Residents: 2 ratings averaging 4.5, pulled towards the prior 4 by weight 10 (4.08 of 5 after weighting).",
      "Compliance 53.8/100: 70% service records (50/100), 30% milestone reports (62.5/100). Records: 2 of 4 neither rejected nor under an upheld complaint (1 rejected, 1 approved under a resident's standing dispute). Reports: 4 milestone reports due, 2 on time, 1 late (counting half), 1 missing.",
      "Capacity 62.5/100: half qualifications (50/100), half staff retention (75/100). Qualifications: 1 of 2 active team members hold a verified qualification. Retention: 3 of the 4 members active at the period's start are still active.",
      'Reach 55/100: 3 residents confirmed a service (5 points each), 2 communities served (10 points each), 2 needs on the needs list answered (10 points each), at most 100.',
    ]);
    // Points left: delivery 30 × 47% = 14.1, compliance 15 × 46.25% = 6.94, reach 15 × 45% = 6.75.
    expect(e.improvements).toEqual([
      'Delivery (up to +14.1 points): get 50 more contracted hours delivered and approved, and request each milestone payment by its due date (2 were late this period).',
      "Compliance (up to +6.9 points): fewer rejected records (1 this period), answer residents' disputes (1 standing), and report each milestone by its due date (2 late or missing).",
      'Reach (up to +6.8 points): 9 more residents confirming a service, or serving new communities and answering needs on the needs list (10 points each).',
    ]);
  });

  it('explains each new input in Chinese', () => {
    const e = explainScore(V2_EXAMPLE, translator(zhCN), 'zh-CN');
    expect(e.indicators.slice(1).map((l) => l.sentence)).toEqual([
      '满意度 77.7/100：居民评价占 70%（77.1/100），社区工作人员的 2 条验收评价占 30%（平均 4.17/5，即 79.2/100）。居民评价：2 条，平均 4.5 分，按权重 10 向先验均值 4 收拢（加权后 4.08/5）。',
      '合规 53.8/100：服务记录占 70%（50/100），节点报告占 30%（62.5/100）。服务记录：4 条中 2 条既未被驳回也没有成立的投诉（驳回 1 条，居民异议仍成立的已通过记录 1 条）。节点报告：到期 4 个，按时 2 个，逾期 1 个（按一半扣分），缺报 1 个。',
      '能力 62.5/100：职业资格占一半（50/100），人员留任占一半（75/100）。职业资格：2 名在岗成员中 1 名持有已核验的职业资格。留任：统计期开始时在岗的 4 名成员中 3 名仍在岗。',
      '覆盖 55/100：3 名居民确认接受服务（每人 5 分），服务了 2 个社区（每个 10 分），回应了需求清单上的 2 项需求（每项 10 分），最高 100 分。',
    ]);
  });

  it('says which part an indicator comes from when the other has no data', () => {
    const e = explainScore(
      {
        ...V2_EXAMPLE,
        indicators: { ...V2_EXAMPLE.indicators, satisfaction: 77.08, compliance: 50, capacity: 50 },
        inputs: {
          ...V2_EXAMPLE.inputs,
          acceptanceRatings: 0,
          acceptanceMean: null,
          acceptanceSatisfaction: null,
          reportsDue: 0,
          reportsLate: 0,
          reportsMissing: 0,
          membersAtStart: 0,
          membersRetained: 0,
        },
      },
      translator(enUS),
      'en-US',
    );
    expect(e.indicators.slice(1, 4).map((l) => l.sentence)).toEqual([
      'Satisfaction 77.1/100: 2 ratings averaging 4.5, pulled towards the prior 4 by weight 10 (4.08 of 5 after weighting). No acceptance rating by community staff in the period (they carry 30% of satisfaction when there are some).',
      "Compliance 50/100: from the service records alone, no milestone report being due in the period. Records: 2 of 4 neither rejected nor under an upheld complaint (1 rejected, 1 approved under a resident's standing dispute).",
      "Capacity 50/100: from qualifications alone; nobody was on the team at the period's start, so retention does not count yet. Qualifications: 1 of 2 active team members hold a verified qualification.",
    ]);
    const neutral = explainScore(
      {
        ...V2_EXAMPLE,
        indicators: { ...V2_EXAMPLE.indicators, compliance: 70, capacity: 70 },
        inputs: {
          ...V2_EXAMPLE.inputs,
          records: 0,
          rejected: 0,
          upheldComplaints: 0,
          reportsDue: 0,
          members: 0,
          qualified: 0,
          membersAtStart: 0,
        },
      },
      translator(enUS),
      'en-US',
    );
    expect(neutral.indicators.slice(2).map((l) => l.sentence)).toEqual([
      'Compliance 70/100: no service records and no milestone report due in the period, so the neutral 70 applies.',
      "Capacity 70/100: no active team members now or at the period's start, so the neutral 70 applies.",
      'Reach 55/100: no service records in the period, so the neutral 70 applies.',
    ]);
  });
});

describe('explainFormulaChange', () => {
  it('puts the last v1 snapshot beside the first v2 one, each indicator with its reason (English)', () => {
    const c = explainFormulaChange(WORKED_EXAMPLE, V2_EXAMPLE, translator(enUS), 'en-US');
    expect(c.summary).toBe(
      'The score formula changed from v1 to v2: the last v1 score was 62.77 (tier C, period ending 2026-06-30), the first v2 score 61.01 (tier C, period ending 2026-07-01), −1.76.',
    );
    expect(c.why).toContain('upheld complaints and late or missing milestone reports in compliance');
    expect(c.lines.map((l) => [l.before, l.after])).toEqual([
      [65, 53],
      [77.08, 77.71],
      [75, 53.75],
      [50, 62.5],
      [35, 55],
    ]);
    expect(c.lines.map((l) => l.sentence)).toEqual([
      'Delivery 65 → 53 (−12): the same formula in both versions; any change comes from the data between the two runs.',
      "Satisfaction 77.08 → 77.71 (+0.63): v2 blends in the community staff's acceptance ratings (2 in the period, 30% when there are some).",
      'Compliance 75 → 53.75 (−21.25): v2 also counts upheld complaints (1) and milestone reports (4 due, 1 late, 1 missing).',
      "Capacity 50 → 62.5 (+12.5): v2 also counts staff retention (3 of the 4 members active at the period's start stayed).",
      'Reach 35 → 55 (+20): v2 also counts needs answered (2, 10 points each).',
    ]);
  });

  it('in Chinese', () => {
    const c = explainFormulaChange(WORKED_EXAMPLE, V2_EXAMPLE, translator(zhCN), 'zh-CN');
    expect(c.summary).toBe(
      '评分公式由 v1 改为 v2：最后一次 v1 评分 62.77 分（C 级，截至 2026-06-30），第一次 v2 评分 61.01 分（C 级，截至 2026-07-01），变化 −1.76。',
    );
    expect(c.lines[2].sentence).toBe(
      '合规 75 → 53.75（−21.25）：v2 计入成立的投诉（1 条）和节点报告（到期 4 个，逾期 1 个，缺报 1 个）。',
    );
  });
});
