import type { TenderStatus } from '../api/models';
import { TENDER_STATUS } from '../api/models/tender-status-array';
import { OFFICER_ACTIONS, type TenderTimes, tenderActions } from './tender-actions';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const later = '2026-11-26T10:00:00Z';
const earlier = '2026-11-24T10:00:00Z';
const tender = (status: TenderStatus, overrides: Partial<TenderTimes> = {}): TenderTimes => ({
  status,
  bidDeadline: later,
  enquiryDeadline: later,
  ...overrides,
});
const everyone = { officer: true, bidder: true, evaluator: true };

describe('actions offered per tender status', () => {
  it.each<[TenderStatus, string[]]>([
    ['draft', ['edit', 'publish', 'cancel']],
    ['published', ['amend', 'answer', 'panel', 'cancel']],
    ['evaluating', ['answer', 'panel', 'disqualify', 'award', 'cancel']],
    ['awarded', ['cancel']],
    ['standstill', ['complaints', 'contract', 'cancel']],
    ['contracted', []],
    ['cancelled', []],
    ['unsuccessful', []],
  ])('a %s tender offers the officer %j', (status, actions) => {
    expect(tenderActions(tender(status), everyone, NOW).officer).toEqual(actions);
  });

  it('covers every status, and cancelling is possible from every live one only', () => {
    expect(Object.keys(OFFICER_ACTIONS).sort()).toEqual([...TENDER_STATUS].sort());
    const cancellable = TENDER_STATUS.filter((s) => OFFICER_ACTIONS[s].includes('cancel'));
    expect(cancellable).toEqual(['draft', 'published', 'evaluating', 'awarded', 'standstill']);
  });

  it('offers nothing of the office to others', () => {
    for (const status of TENDER_STATUS) {
      expect(tenderActions(tender(status), { ...everyone, officer: false }, NOW).officer).toEqual([]);
    }
  });

  it('lets organizations bid and ask only while open, and ask only before the enquiry deadline', () => {
    const bidder = { officer: false, bidder: true, evaluator: false };
    expect(tenderActions(tender('published'), bidder, NOW).bidder).toEqual(['bid', 'ask']);
    expect(tenderActions(tender('published', { enquiryDeadline: earlier }), bidder, NOW).bidder).toEqual([
      'bid',
    ]);
    // The deadline passed but the closing job has not run yet: no more bids.
    expect(tenderActions(tender('published', { bidDeadline: earlier }), bidder, NOW).bidder).toEqual([]);
    expect(tenderActions(tender('draft'), bidder, NOW).bidder).toEqual([]);
    expect(tenderActions(tender('evaluating'), bidder, NOW).bidder).toEqual([]);
  });

  it('lets bidders complain during the standstill only', () => {
    const bidder = { officer: false, bidder: true, evaluator: false };
    expect(tenderActions(tender('standstill', { standstillEndsAt: later }), bidder, NOW).bidder).toEqual([
      'complain',
    ]);
    expect(tenderActions(tender('standstill', { standstillEndsAt: earlier }), bidder, NOW).bidder).toEqual(
      [],
    );
    expect(tenderActions(tender('contracted', { standstillEndsAt: later }), bidder, NOW).bidder).toEqual([]);
  });

  it('sends evaluators to the workspace while the tender is under evaluation', () => {
    const evaluator = { officer: false, bidder: false, evaluator: true };
    for (const status of TENDER_STATUS) {
      expect(tenderActions(tender(status), evaluator, NOW).evaluator).toEqual(
        status === 'evaluating' ? ['evaluate'] : [],
      );
    }
  });
});
