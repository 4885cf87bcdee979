import type { CriterionDto, MyScoreDto } from '../../api/models';

/** Points typed per criterion key; null while empty. */
export type Sheet = Record<string, number | null>;

/** The sheet of one bid as saved by this evaluator (empty criteria stay null). */
export function savedSheet(
  criteria: readonly CriterionDto[],
  scores: readonly MyScoreDto[],
  bidId: string,
): Sheet {
  return Object.fromEntries(
    criteria.map((c) => [
      c.key,
      scores.find((s) => s.bidId === bidId && s.criterionKey === c.key)?.points ?? null,
    ]),
  );
}

/** Criteria whose points are missing or outside 0 … weight. */
export function sheetErrors(criteria: readonly CriterionDto[], sheet: Sheet): string[] {
  return criteria
    .filter((c) => {
      const points = sheet[c.key];
      return (
        points === null || points === undefined || !Number.isFinite(points) || points < 0 || points > c.weight
      );
    })
    .map((c) => c.key);
}

export function sheetTotal(sheet: Sheet): number {
  return Object.values(sheet).reduce<number>(
    (sum, p) => sum + (typeof p === 'number' && Number.isFinite(p) ? p : 0),
    0,
  );
}

/** Whether every criterion of the bid has saved points. */
export function isScored(
  criteria: readonly CriterionDto[],
  scores: readonly MyScoreDto[],
  bidId: string,
): boolean {
  return criteria.every((c) => scores.some((s) => s.bidId === bidId && s.criterionKey === c.key));
}
