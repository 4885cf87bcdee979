import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { dom, pick, stable } from '../testing/page-testing';
import { CardGrid } from './card-grid';
import { type ListFilter, ListFilterSelects, listFilter } from './filter-select';
import { PagedList } from './pages';
import { ReferenceData } from './reference-data';
import { action } from './run-action';

const picked: unknown[] = [];
const filters: ListFilter[] = [
  listFilter('type', 'org.type', [{ value: 'charity', label: 'Charity' }], null, (v) => picked.push(v)),
  listFilter('category', 'org.categories', 'categories', 'elderly', (v) => picked.push(v)),
  listFilter('tier', 'directory.tier', [{ value: 'A', label: 'A' }], ['A'], (v) => picked.push(v), {
    multiple: true,
  }),
];

@Component({
  imports: [ListFilterSelects, CardGrid],
  template: `
    <div class="row"><app-list-filter-selects list="orgs" [selects]="filters" /></div>
    <app-card-grid name="orgs" [loader]="loader" [list]="list" empty="Nothing found">
      <p class="card">a card</p>
    </app-card-grid>
  `,
})
class Host {
  readonly filters = filters;
  readonly loader = action();
  /** The list's pages: one card, then (`next`) another page after it. */
  readonly list = new PagedList<{ id: string }>(async (cursor) =>
    cursor ? { items: [{ id: 'b' }], nextCursor: null } : { items: [{ id: 'a' }], nextCursor: 'next' },
  );
}

describe('ListFilterSelects and CardGrid', () => {
  beforeEach(() => {
    picked.length = 0;
    TestBed.configureTestingModule({
      providers: [{ provide: ReferenceData, useValue: { categoryNodes: signal([]) } }],
    });
  });

  it('draws each filter as a labelled control named after the list, and hands on what is picked or cleared', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const t = TestBed.inject(I18n).t;
    const ids = Array.from(root.querySelectorAll('.row [data-testid]')).map((e) =>
      e.getAttribute('data-testid'),
    );
    expect(ids).toEqual(['orgs-type', 'orgs-category', 'orgs-tier']);
    expect(root.querySelector('label[for="orgs-type"]')!.textContent).toBe(t('org.type'));
    expect(root.querySelector('nz-tree-select')!.getAttribute('data-testid')).toBe('orgs-category');

    pick(fixture, 'orgs-type', 'charity');
    pick(fixture, 'orgs-type', undefined);
    pick(fixture, 'orgs-category', '');
    pick(fixture, 'orgs-tier', []);
    expect(picked).toEqual(['charity', null, null, []]);
  });

  it('shows the cards, their failure, and "nothing found" only when none came back', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.componentInstance.list.reload();
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const grid = root.querySelector('[data-testid="orgs-list"]')!;
    expect(grid.querySelector('.card')).not.toBeNull();
    expect(root.querySelector('[data-testid="orgs-empty"]')).toBeNull();

    const host = fixture.componentInstance;
    host.list.items.set([]);
    let answer: () => void = () => undefined;
    void host.loader.run(() => new Promise<void>((resolve) => (answer = resolve)));
    await stable(fixture);
    expect(root.querySelector('[data-testid="orgs-empty"]')).toBeNull();

    answer();
    host.loader.error.set('The list could not be read');
    await stable(fixture);
    expect(root.querySelector('[data-testid="orgs-empty"]')!.textContent).toContain('Nothing found');
    expect(root.querySelector('[data-testid="orgs-error"]')!.textContent).toContain(
      'The list could not be read',
    );
  });

  it('reads the next page with "load more" under the cards, while there is one', async () => {
    const fixture = TestBed.createComponent(Host);
    const host = fixture.componentInstance;
    await host.list.reload();
    await stable(fixture);
    const { click, el } = dom(fixture.nativeElement as HTMLElement);
    click('orgs-more');
    await stable(fixture);
    expect(host.list.items().map((c) => c.id)).toEqual(['a', 'b']);
    expect(el('orgs-more')).toBeNull();
  });
});
