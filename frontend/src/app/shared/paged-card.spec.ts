import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { stable } from '../testing/page-testing';
import { PagedCard } from './paged-card';
import { PagedList } from './pages';
import { PagedSection } from './paged-section';
import { SearchSort } from './search-sort';

@Component({
  imports: [PagedCard],
  template: `
    <app-paged-card heading="Residents" [section]="residents" empty="None" [search]="search">
      <span filters data-testid="residents-status"></span>
    </app-paged-card>
  `,
})
class Host {
  readonly list = new PagedList<{ id: string }>(async () => ({ items: [], nextCursor: null }));
  readonly residents = new PagedSection(() => this.list, {
    testId: 'residents',
    moreTestId: 'residents-more',
  });
  readonly query = { value: signal({ q: 'wang' }), set: (patch: { q?: string }) => void patch };
  readonly search = new SearchSort(this.query, { name: 'residents', words: 'residents' });
}

describe('PagedCard', () => {
  it("draws the list's search first among its filters, labelled and showing the query's search", async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const filters = Array.from(root.querySelectorAll('.filters [data-testid]')).map((e) =>
      e.getAttribute('data-testid'),
    );
    expect(filters).toEqual(['residents-search', 'residents-status']);
    const search = root.querySelector<HTMLInputElement>('[data-testid="residents-search"]')!;
    expect(search.getAttribute('aria-label')).toBe(TestBed.inject(I18n).t('residents.search'));
    expect(search.value).toBe('wang');
  });
});
