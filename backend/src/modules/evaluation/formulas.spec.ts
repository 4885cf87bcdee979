import { performanceScore, priceScore, rankBids, round2, splitAmount, technicalScore } from './formulas.js';

describe('technical score', () => {
  it('is the plain mean with fewer than five evaluators', () => {
    expect(technicalScore([48, 52, 56])).toBe(52);
  });

  it('drops the highest and the lowest with five or more', () => {
    // 30 and 60 are dropped: (50 + 52 + 54) / 3 = 52
    expect(technicalScore([50, 30, 54, 60, 52])).toBe(52);
    // Only one of two equal extremes is dropped: (40 + 50 + 50 + 50) / 4 = 47.5
    expect(technicalScore([40, 40, 50, 50, 50, 60])).toBe(47.5);
  });
});

describe('price and performance scores', () => {
  it('gives the lowest qualified price the full price weight', () => {
    expect(priceScore(400_000_00, 400_000_00, 30)).toBe(30);
    // 400,000 ÷ 480,000 × 30 = 25
    expect(priceScore(400_000_00, 480_000_00, 30)).toBe(25);
  });

  it('scales the organization score by the performance weight', () => {
    expect(performanceScore(70, 10)).toBe(7);
    expect(performanceScore(92.5, 20)).toBe(18.5);
  });
});

describe('ranking, with a worked example', () => {
  const at = (minute: number) => new Date(`2026-12-01T08:${String(minute).padStart(2, '0')}:00Z`);

  it('orders by total, then technical score, then earlier submission', () => {
    const ranked = rankBids([
      { bidId: 'A', technical: 52, price: 25, performance: 7, submittedAt: at(5) }, // 84
      { bidId: 'B', technical: 50, price: 30, performance: 7, submittedAt: at(9) }, // 87
      { bidId: 'C', technical: 55, price: 25, performance: 7, submittedAt: at(1) }, // 87, better technical
      { bidId: 'D', technical: 55, price: 25, performance: 7, submittedAt: at(0) }, // 87, same technical, earlier
    ]);
    expect(ranked.map((b) => [b.bidId, b.rank, round2(b.total)])).toEqual([
      ['D', 1, 87],
      ['C', 2, 87],
      ['B', 3, 87],
      ['A', 4, 84],
    ]);
  });

  it('treats totals equal at two decimals as a tie', () => {
    const ranked = rankBids([
      { bidId: 'late', technical: 60, price: 20.001, performance: 0, submittedAt: at(30) },
      { bidId: 'early', technical: 60, price: 20.004, performance: 0, submittedAt: at(10) },
    ]);
    expect(ranked.map((b) => b.bidId)).toEqual(['early', 'late']);
  });
});

describe('milestone amounts', () => {
  it('add up to the contract amount exactly, the remainder on the last milestone', () => {
    expect(splitAmount(100_001, [3333, 3333, 3334])).toEqual([33_330, 33_330, 33_341]);
    expect(splitAmount(45_000_000, [3000, 4000, 3000])).toEqual([13_500_000, 18_000_000, 13_500_000]);
  });
});
