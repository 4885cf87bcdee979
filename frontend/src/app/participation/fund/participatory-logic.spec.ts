import type { RoundDto, SubmissionDto } from '../../api/models';
import { ballotOk, chosenFen, onBallot } from './participatory-logic';

const submission = (id: string, amountFen: number, eligibility: SubmissionDto['eligibility']) =>
  ({ id, amountFen, eligibility }) as SubmissionDto;

const round = (method: RoundDto['method']) =>
  ({
    method,
    budgetFen: 100_000,
    submissions: [
      submission('a', 60_000, 'eligible'),
      submission('b', 50_000, 'eligible'),
      submission('x', 5_000, 'ineligible'),
    ],
  }) as RoundDto;

describe('participatory ballot', () => {
  it('lists only eligible submissions and sums what is chosen among them', () => {
    expect(onBallot(round('approval')).map((s) => s.id)).toEqual(['a', 'b']);
    expect(chosenFen(round('approval'), new Set(['a', 'x']))).toBe(60_000);
  });

  it('takes any number of approvals, but a knapsack ballot only within the budget', () => {
    expect(ballotOk(round('approval'), new Set())).toBe(false);
    expect(ballotOk(round('approval'), new Set(['a', 'b']))).toBe(true);
    expect(ballotOk(round('knapsack'), new Set(['a', 'b']))).toBe(false);
    expect(ballotOk(round('knapsack'), new Set(['b']))).toBe(true);
  });
});
