import { draftProblems, draftsOf, newDraft, rulesInput } from './rule-draft';

describe('rule drafts', () => {
  it('round-trips a rule set through the editor rows, a bonus as a percentage', () => {
    const rules = [
      { tier: 'A', consecutiveMonths: 1, action: 'badge', bonusShareBp: null, barMonths: null },
      { tier: 'A', consecutiveMonths: 2, action: 'bonus', bonusShareBp: 750, barMonths: null },
      { tier: 'D', consecutiveMonths: 2, action: 'bar', bonusShareBp: null, barMonths: 6 },
    ] as const;
    const drafts = draftsOf(rules);
    expect(drafts.map((d) => d.bonusPercent)).toEqual(['5', '7.5', '5']);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(3);
    expect(rulesInput(drafts)).toEqual([
      { tier: 'A', consecutiveMonths: 1, action: 'badge' },
      { tier: 'A', consecutiveMonths: 2, action: 'bonus', bonusShareBp: 750 },
      { tier: 'D', consecutiveMonths: 2, action: 'bar', barMonths: 6 },
    ]);
  });

  it('sends only the parameter of the chosen action', () => {
    const switched = newDraft({ action: 'bar', bonusPercent: '12.5', barMonths: 3 });
    expect(rulesInput([switched])).toEqual([
      { tier: 'A', consecutiveMonths: 1, action: 'bar', barMonths: 3 },
    ]);
  });

  it('refuses a bonus outside 0.01–100 % or with more than two decimals, and duplicate rows', () => {
    const rows = [
      newDraft({ action: 'bonus', bonusPercent: '0' }),
      newDraft({ action: 'bonus', bonusPercent: '100.01' }),
      newDraft({ action: 'bonus', bonusPercent: '2.345' }),
      newDraft({ action: 'bonus', bonusPercent: '100' }),
      newDraft({ action: 'bonus', bonusPercent: '100' }),
      newDraft({ consecutiveMonths: 13 }),
      newDraft({ action: 'bar', barMonths: 0 }),
    ];
    expect(draftProblems(rows)).toEqual([
      'bonus',
      'bonus',
      'bonus',
      null,
      'duplicate',
      'months',
      'barMonths',
    ]);
    expect(rulesInput(rows)).toBeNull();
    expect(rulesInput([rows[3]])).toEqual([
      { tier: 'A', consecutiveMonths: 1, action: 'bonus', bonusShareBp: 10000 },
    ]);
  });
});
