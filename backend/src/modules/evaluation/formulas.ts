/**
 * Tender evaluation formulas (PRODUCT §4). Components are kept unrounded for the sum; the total
 * and the technical score are compared at two decimals so a tie is a tie anyone can check.
 */

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Mean of the evaluators' technical totals; with five or more, the highest and lowest are dropped. */
export function technicalScore(evaluatorTotals: number[]): number {
  if (evaluatorTotals.length === 0) return 0;
  const sorted = [...evaluatorTotals].sort((a, b) => a - b);
  const counted = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  return counted.reduce((sum, x) => sum + x, 0) / counted.length;
}

/** Lowest qualified price ÷ this bid's price × the price weight. */
export const priceScore = (lowestQualifiedFen: number, bidFen: number, priceWeight: number) =>
  (lowestQualifiedFen / bidFen) * priceWeight;

/** The organization's current score (0–100) × the performance weight ÷ 100. */
export const performanceScore = (organizationScore: number, performanceWeight: number) =>
  (organizationScore * performanceWeight) / 100;

export interface ScoredBid {
  bidId: string;
  technical: number;
  price: number;
  performance: number;
  submittedAt: Date;
}

export interface RankedBid extends ScoredBid {
  total: number;
  rank: number;
}

/** Highest total first; ties go to the higher technical score, then to the earlier submission. */
export function rankBids(bids: ScoredBid[]): RankedBid[] {
  return bids
    .map((b) => ({ ...b, total: b.technical + b.price + b.performance }))
    .sort(
      (a, b) =>
        round2(b.total) - round2(a.total) ||
        round2(b.technical) - round2(a.technical) ||
        a.submittedAt.getTime() - b.submittedAt.getTime(),
    )
    .map((b, i) => ({ ...b, rank: i + 1 }));
}

/** Splits an amount by shares in basis points, exact to the fen: the remainder goes to the last share. */
export function splitAmount(amountFen: number, sharesBp: number[]): number[] {
  const parts = sharesBp.map((bp) => Math.floor((amountFen * bp) / 10000));
  parts[parts.length - 1] += amountFen - parts.reduce((sum, x) => sum + x, 0);
  return parts;
}
