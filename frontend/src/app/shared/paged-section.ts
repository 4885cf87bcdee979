import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { loadEach } from './list-of';
import { PagedCard } from './paged-card';
import type { PagedList } from './pages';
import { action } from './run-action';
import type { SearchSortRow } from './search-sort';

/** How tests find a paged list in its card: the list's test id and its "load more" button's. */
export interface PagedSectionIds {
  testId: string;
  moreTestId: string;
}

/**
 * A list read a page at a time in a card (`app-paged-section`): the list (a `listOf`, made anew as
 * its parameters change, or one `PagedList`), the loader that reads its first page each time it is
 * made (busy, failure), and its test ids. Made in an injection context.
 */
export class PagedSection<T extends { id: string }> {
  readonly loader = action();
  /** The items shown so far. */
  readonly items = computed(() => this.list().items());

  constructor(
    readonly list: () => PagedList<T>,
    readonly ids: PagedSectionIds,
  ) {
    loadEach(() => [list()], this.loader);
  }
}

/**
 * A `PagedSection` in an `app-paged-card`: the page gives its heading, the line when it is empty and
 * its search; its filters (with the `filters` attribute) and its `<li>`s are projected as into the card.
 */
@Component({
  selector: 'app-paged-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PagedCard],
  template: `
    @let s = section();
    <app-paged-card
      [heading]="heading()"
      [list]="s.list()"
      [loader]="s.loader"
      [empty]="empty()"
      [testId]="s.ids.testId"
      [moreTestId]="s.ids.moreTestId"
      [search]="search()"
    >
      <ng-container ngProjectAs="[filters]"><ng-content select="[filters]" /></ng-container>
      <ng-content />
    </app-paged-card>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class PagedSectionCard<S extends string> {
  readonly section = input.required<PagedSection<{ id: string }>>();
  readonly heading = input.required<string>();
  /** Shown when the list has no items. */
  readonly empty = input.required<string>();
  /** The list's search, drawn first among its filters. */
  readonly search = input<SearchSortRow<S>>();
}
