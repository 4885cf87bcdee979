import { NO_FILTERS, PAGE_SIZE, directoryParams } from './directory-query';

describe('directory filters as query parameters', () => {
  it('sends only the sort and page size when nothing is picked', () => {
    expect(directoryParams(NO_FILTERS)).toEqual({ sort: 'name', limit: PAGE_SIZE });
  });

  it('sends every picked filter', () => {
    expect(
      directoryParams({
        q: '养老',
        type: 'life_service',
        category: 'elderly',
        streetId: 's1',
        communityId: 'c1',
        minGrade: '3A',
        tiers: ['B', 'A', 'B'],
        sort: 'grade',
      }),
    ).toEqual({
      q: '养老',
      type: 'life_service',
      category: 'elderly',
      streetId: 's1',
      communityId: 'c1',
      minGrade: '3A',
      tier: ['A', 'B'],
      sort: 'grade',
      limit: PAGE_SIZE,
    });
  });

  it('trims the search and leaves a blank one out', () => {
    expect(directoryParams({ ...NO_FILTERS, q: '  养老 ' }).q).toBe('养老');
    expect(directoryParams({ ...NO_FILTERS, q: '   ' })).not.toHaveProperty('q');
  });

  it('cuts a search to the 50 characters the server takes', () => {
    expect(directoryParams({ ...NO_FILTERS, q: 'x'.repeat(80) }).q).toHaveLength(50);
  });

  it('adds the cursor of the previous page to the same filters', () => {
    const filters = { ...NO_FILTERS, type: 'charity' as const, sort: 'newest' as const };
    expect(directoryParams(filters, 'cursor-1')).toEqual({ ...directoryParams(filters), cursor: 'cursor-1' });
    expect(directoryParams(filters, null)).not.toHaveProperty('cursor');
  });
});
