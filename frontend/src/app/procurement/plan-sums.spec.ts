import { checkMilestones, checkWeights } from './plan-sums';

const criteria = [
  { key: 'plan', name: '服务方案', weight: 40 },
  { key: 'team', name: '团队配置', weight: 20 },
];

describe('live sums of the weights', () => {
  it('accepts weights that add up to 100 with sub-criteria adding up to the technical weight', () => {
    expect(checkWeights({ price: 30, technical: 60, performance: 10, criteria })).toEqual({
      total: 100,
      criteriaSum: 60,
      problems: [],
    });
  });

  it('reports the total when the three weights do not add up to 100', () => {
    const check = checkWeights({ price: 40, technical: 60, performance: 10, criteria });
    expect(check.total).toBe(110);
    expect(check.problems).toEqual([{ code: 'weightsTotal', sum: 110 }]);
  });

  it('reports sub-criteria that do not add up to the technical weight', () => {
    const check = checkWeights({
      price: 30,
      technical: 60,
      performance: 10,
      criteria: [...criteria, { key: 'risk', name: '风险', weight: 5 }],
    });
    expect(check.criteriaSum).toBe(65);
    expect(check.problems).toEqual([{ code: 'criteriaSum', sum: 65, technical: 60 }]);
  });

  it('needs a sub-criterion when there is a technical weight, none without one', () => {
    expect(checkWeights({ price: 40, technical: 50, performance: 10, criteria: [] }).problems).toEqual([
      { code: 'criteriaMissing' },
    ]);
    expect(checkWeights({ price: 90, technical: 0, performance: 10, criteria: [] }).problems).toEqual([]);
  });

  it('reports duplicate and malformed keys, and weights below 1', () => {
    const check = checkWeights({
      price: 30,
      technical: 60,
      performance: 10,
      criteria: [
        { key: 'plan', name: 'a', weight: 30 },
        { key: 'plan', name: 'b', weight: 30 },
        { key: 'Bad Key', name: 'c', weight: 0 },
      ],
    });
    expect(check.problems).toEqual([
      { code: 'criterionKey', key: 'Bad Key' },
      { code: 'criterionWeight', key: 'Bad Key' },
      { code: 'criteriaKeys' },
    ]);
  });

  it('treats an emptied number box as 0 rather than failing', () => {
    const check = checkWeights({
      price: null as unknown as number,
      technical: 60,
      performance: 10,
      criteria,
    });
    expect(check.total).toBe(70);
  });
});

describe('live sum of the milestone plan', () => {
  it('accepts shares adding up to 10000 basis points', () => {
    expect(checkMilestones([{ shareBp: 3000 }, { shareBp: 4000 }, { shareBp: 3000 }])).toEqual({
      sumBp: 10000,
      problems: [],
    });
    expect(checkMilestones([{ shareBp: 3333 }, { shareBp: 3333 }, { shareBp: 3334 }]).problems).toEqual([]);
  });

  it('reports the sum when it is not 100 %', () => {
    expect(checkMilestones([{ shareBp: 3000 }, { shareBp: 4000 }])).toEqual({
      sumBp: 7000,
      problems: [{ code: 'milestonesSum', sumBp: 7000 }],
    });
  });

  it('wants at least one milestone, each with a share', () => {
    expect(checkMilestones([]).problems).toEqual([{ code: 'milestonesEmpty' }]);
    expect(checkMilestones([{ shareBp: 10000 }, { shareBp: 0 }]).problems).toEqual([
      { code: 'milestoneShare', index: 1 },
    ]);
  });
});
