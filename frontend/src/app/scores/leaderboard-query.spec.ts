import { LEADERBOARD_PAGE_SIZE, leaderboardParams } from './leaderboard-query';

describe('leaderboard filters as query parameters', () => {
  const base = { streetId: 's1', tiers: [], category: null, communityId: null };

  it('sends only the street and the page size when nothing is picked', () => {
    expect(leaderboardParams(base)).toEqual({ streetId: 's1', limit: LEADERBOARD_PAGE_SIZE });
  });

  it('sends every picked filter, the tiers once each and in order', () => {
    expect(
      leaderboardParams({ ...base, tiers: ['C', 'A', 'C'], category: 'elderly', communityId: 'c1' }, 'next'),
    ).toEqual({
      streetId: 's1',
      tier: ['A', 'C'],
      category: 'elderly',
      communityId: 'c1',
      limit: LEADERBOARD_PAGE_SIZE,
      cursor: 'next',
    });
  });
});
