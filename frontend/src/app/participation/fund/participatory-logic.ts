import type { RoundDto, SubmissionDto } from '../../api/models';

/** The submissions on the ballot: the eligible ones, in the order they came. */
export const onBallot = (round: RoundDto): SubmissionDto[] =>
  round.submissions.filter((s) => s.eligibility === 'eligible');

/** What the chosen submissions ask for together, in fen. */
export const chosenFen = (round: RoundDto, chosen: ReadonlySet<string>): number =>
  onBallot(round)
    .filter((s) => chosen.has(s.id))
    .reduce((sum, s) => sum + s.amountFen, 0);

/**
 * Whether the ballot may be cast: at least one submission chosen and, for a knapsack round, the
 * chosen amounts together within the budget (the API checks the same in the vote's transaction).
 */
export function ballotOk(round: RoundDto, chosen: ReadonlySet<string>): boolean {
  if (chosen.size === 0) return false;
  return round.method !== 'knapsack' || chosenFen(round, chosen) <= round.budgetFen;
}

/** The tag colour of a submission's eligibility. */
export const ELIGIBILITY_COLORS: Record<SubmissionDto['eligibility'], string> = {
  pending: 'default',
  eligible: 'green',
  ineligible: 'red',
};
