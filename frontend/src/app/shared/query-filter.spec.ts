import { signal } from '@angular/core';
import { queryFilter } from './query-filter';

describe('a required filter kept in the list query', () => {
  const STATUSES = ['pending', 'verified', 'refused'] as const;
  type Status = (typeof STATUSES)[number];

  it('shows the query’s value among the labelled values and writes a value picked back', () => {
    const value = signal<{ status: Status; q: string }>({ status: 'verified', q: '' });
    const set: Partial<{ status: Status }>[] = [];
    const filter = queryFilter(
      { value, set: (p) => set.push(p) },
      'status',
      'residents.statusFilter',
      STATUSES,
      (s) => s.toUpperCase(),
    );
    expect(filter).toMatchObject({
      name: 'status',
      label: 'residents.statusFilter',
      value: 'verified',
      required: true,
    });
    expect(filter.choices).toEqual(STATUSES.map((s) => ({ value: s, label: s.toUpperCase() })));

    filter.pick('refused');
    filter.pick('unknown');
    filter.pick(null);
    expect(set).toEqual([{ status: 'refused' }]);
  });
});
