import { scoreUnder, tierOf, type StoredSnapshot, type WeightSettings } from './scoring-weights.js';

const DEFAULTS: WeightSettings = {
  weights: { delivery: 30, satisfaction: 25, compliance: 15, capacity: 15, reach: 15 },
  priorMean: 4,
  priorWeight: 10,
  acceptanceWeight: 30,
};

/**
 * A v1 snapshot computed with the defaults: 10 ratings averaging 4 give bayes 4 and satisfaction 75;
 * score = (30×80 + 25×75 + 15×90 + 15×60 + 15×50) ÷ 100 = 72.75, tier B.
 */
const V1: StoredSnapshot = {
  score: 72.75,
  tier: 'B',
  indicators: { delivery: 80, satisfaction: 75, compliance: 90, capacity: 60, reach: 50 },
  inputs: { ratings: 10, ratingTotal: 40, priorMean: 4, priorWeight: 10, weights: { ...DEFAULTS.weights } },
};

const under = (changes: Partial<WeightSettings>, snapshot = V1) =>
  scoreUnder(snapshot, { ...DEFAULTS, ...changes });

describe('tierOf', () => {
  it('draws the lines at 85, 70 and 60', () => {
    expect([85, 84.99, 70, 69.99, 60, 59.99].map(tierOf)).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });
});

describe('scoreUnder', () => {
  it('keeps the stored score when nothing changes', () => {
    expect(under({})).toEqual({ score: 72.75, tier: 'B', satisfaction: 75 });
  });

  it('reweighs the stored indicators', () => {
    // (10×80 + 0×75 + 90×90) ÷ 100 = 89: tier A.
    expect(
      under({ weights: { delivery: 10, satisfaction: 0, compliance: 90, capacity: 0, reach: 0 } }),
    ).toEqual({ score: 89, tier: 'A', satisfaction: 75 });
    // (50×80 + 20×75 + 10×90 + 10×60 + 10×50) ÷ 100 = 75: still B.
    expect(
      under({ weights: { delivery: 50, satisfaction: 20, compliance: 10, capacity: 10, reach: 10 } }).score,
    ).toBe(75);
  });

  it('recomputes satisfaction from the ratings under another prior', () => {
    // bayes = (10 × 2 + 40) ÷ (10 + 10) = 3 → satisfaction 50; score = (2400 + 1250 + 1350 + 900 + 750) ÷ 100.
    expect(under({ priorMean: 2 })).toEqual({ score: 66.5, tier: 'C', satisfaction: 50 });
    // bayes = (3 × 5 + 40) ÷ 13 = 4.2308 → 80.77 (rounded like the stored indicators).
    expect(under({ priorMean: 5, priorWeight: 3 }).satisfaction).toBe(80.77);
  });

  it('mixes in acceptance satisfaction with the proposed acceptance weight (v2 snapshots)', () => {
    // Stored with 30 %: 0.7 × 75 + 0.3 × 100 = 82.5.
    const v2: StoredSnapshot = {
      ...V1,
      score: 74.63,
      indicators: { ...V1.indicators, satisfaction: 82.5 },
      inputs: { ...V1.inputs, acceptanceSatisfaction: 100, acceptanceWeight: 30, acceptanceRatings: 2 },
    };
    expect(under({}, v2).score).toBe(74.63);
    // 50 %: 0.5 × 75 + 0.5 × 100 = 87.5; score = (2400 + 25 × 87.5 + 1350 + 900 + 750) ÷ 100 = 75.88.
    expect(under({ acceptanceWeight: 50 }, v2)).toEqual({ score: 75.88, tier: 'B', satisfaction: 87.5 });
    // Without acceptance ratings the acceptance weight changes nothing.
    const none = { ...v2, inputs: { ...v2.inputs, acceptanceSatisfaction: null } };
    expect(under({ acceptanceWeight: 50 }, none).score).toBe(74.63);
  });

  it('keeps the stored satisfaction when the snapshot lacks the rating inputs', () => {
    const bare: StoredSnapshot = { ...V1, inputs: { weights: { ...DEFAULTS.weights } } };
    expect(under({ priorMean: 2 }, bare)).toEqual({ score: 72.75, tier: 'B', satisfaction: 75 });
  });
});
