import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { dom, pick, stable } from '../testing/page-testing';
import { ListFilters } from './list-filters';
import { SearchSort } from './search-sort';

type Sort = 'newest' | 'oldest';

/** A list's query as `SearchSort` reads and writes it, keeping what was set. */
const fakeQuery = <V extends { q: string }>(start: V) => {
  const value = signal(start);
  return { value, set: (patch: Partial<V>) => value.update((v) => ({ ...v, ...patch })) };
};

@Component({
  imports: [ListFilters],
  template: `
    <app-list-filters [filters]="sorted"><span data-testid="own-filter"></span></app-list-filters>
    <app-list-filters [filters]="searched" />
  `,
})
class Host {
  readonly sortedQuery = fakeQuery<{ q: string; sort: Sort }>({ q: '', sort: 'newest' });
  readonly searchedQuery = fakeQuery({ q: 'old' });
  readonly sorted = new SearchSort(this.sortedQuery, {
    name: 'exports',
    words: 'exports',
    sorts: ['newest', 'oldest'],
  });
  /** A list with one order: just the search. */
  readonly searched = new SearchSort(this.searchedQuery, {
    name: 'payouts',
    words: 'money.payouts',
  });
}

describe('ListFilters over a SearchSort', () => {
  it("draws the page's filters, the search and the sort named after the list, and keeps them in its query", async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const t = TestBed.inject(I18n).t;
    const { el } = dom(root);
    expect(el('own-filter')).not.toBeNull();
    expect(el('exports-search')!.getAttribute('aria-label')).toBe(t('exports.search'));
    expect(el('exports-sort')).not.toBeNull();

    pick(fixture, 'exports-sort', 'oldest');
    expect(fixture.componentInstance.sortedQuery.value().sort).toBe('oldest');
  });

  it('draws just the search for a list without orders, showing the query it starts from', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const { el } = dom(fixture.nativeElement as HTMLElement);
    expect(el<HTMLInputElement>('payouts-search')!.value).toBe('old');
    expect(el('payouts-sort')).toBeNull();
  });
});
