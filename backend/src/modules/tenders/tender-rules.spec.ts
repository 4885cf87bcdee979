import { publishProblems, tenderTransition, type PublishableTender } from './tender-rules.js';

const now = new Date('2026-11-25T08:00:00Z');
const ok: PublishableTender = {
  method: 'public_tender',
  budgetCeilingFen: 50_000_000,
  weights: {
    price: 30,
    technical: 60,
    performance: 10,
    criteria: [
      { key: 'plan', weight: 40 },
      { key: 'team', weight: 20 },
    ],
  },
  milestonePlan: [{ shareBp: 3000 }, { shareBp: 7000 }],
  enquiryDeadline: new Date('2026-12-01T00:00:00Z'),
  bidDeadline: new Date('2026-12-10T00:00:00Z'),
};

describe('publishing rules', () => {
  it('accept a complete public tender', () => {
    expect(publishProblems(ok, now, 10_000_000)).toEqual([]);
  });

  it.each<[string, Partial<PublishableTender>, RegExp]>([
    ['weights off 100', { weights: { ...ok.weights, price: 40 } }, /add up to 100/],
    [
      'criteria off technical',
      { weights: { ...ok.weights, criteria: [{ key: 'plan', weight: 50 }] } },
      /sub-criteria weights add up to 50, not 60/,
    ],
    ['milestones off 100 %', { milestonePlan: [{ shareBp: 5000 }, { shareBp: 4000 }] }, /90 %/],
    [
      'deadline passed',
      { bidDeadline: new Date('2026-11-24T00:00:00Z'), enquiryDeadline: new Date('2026-11-20T00:00:00Z') },
      /future/,
    ],
    ['enquiries after bids', { enquiryDeadline: new Date('2026-12-11T00:00:00Z') }, /enquiry deadline/],
    [
      'single source without justification',
      { method: 'single_source', invitedOrganizationId: 'o1' },
      /justification/,
    ],
    [
      'single source without an invitee',
      { method: 'single_source', singleSourceJustification: '唯一具备资质的机构' },
      /invited organization/,
    ],
    [
      'direct commission over the cap',
      { method: 'direct_commission', invitedOrganizationId: 'o1', budgetCeilingFen: 10_000_001 },
      /limited to 10000000/,
    ],
    ['an invitee on an open tender', { invitedOrganizationId: 'o1' }, /open to all/],
  ])('refuse %s', (_, change, message) => {
    const problems = publishProblems({ ...ok, ...change }, now, 10_000_000);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('allow a direct commission exactly at the cap', () => {
    expect(
      publishProblems(
        { ...ok, method: 'direct_commission', invitedOrganizationId: 'o1', budgetCeilingFen: 10_000_000 },
        now,
        10_000_000,
      ),
    ).toEqual([]);
  });
});

describe('tender state machine', () => {
  it('runs draft → published → evaluating → awarded → standstill → contracted', () => {
    expect(tenderTransition('draft', 'publish')).toBe('published');
    expect(tenderTransition('published', 'close')).toBe('evaluating');
    expect(tenderTransition('evaluating', 'award')).toBe('awarded');
    expect(tenderTransition('awarded', 'start_standstill')).toBe('standstill');
    expect(tenderTransition('standstill', 'contract')).toBe('contracted');
  });

  it('cancels any time before the contract, never after', () => {
    expect(tenderTransition('standstill', 'cancel')).toBe('cancelled');
    expect(() => tenderTransition('contracted', 'cancel')).toThrow(
      expect.objectContaining({ code: 'state.invalid_transition' }),
    );
    expect(() => tenderTransition('unsuccessful', 'cancel')).toThrow();
  });

  it('does not publish twice', () => {
    expect(() => tenderTransition('published', 'publish')).toThrow(/published tender cannot publish/);
  });
});
