import { type Signal, computed } from '@angular/core';
import { SearchBox } from './list-query';

/** The part of a list's `ListQuery` a search box keeps: its `q`. */
interface SearchQuery {
  readonly value: Signal<{ q: string }>;
  set(patch: { q: string }): void;
}

/**
 * The search box of a list whose search is kept in its `ListQuery`'s `q` (for a page that draws
 * `app-search-input` itself; `SearchSort` when the list also sorts). Made in an injection context.
 */
export const querySearch = (query: SearchQuery): SearchBox =>
  new SearchBox(
    computed(() => query.value().q),
    (q) => query.set({ q }),
  );
