import { computed, inject } from '@angular/core';
import { Api, type ApiFnOptional } from '../api/api';
import { loadEach } from './list-of';
import { type CursorPage, PagedList } from './pages';
import { action } from './run-action';

/** How tests find a paged list in its card: the list's test id and its "load more" button's. */
export interface PagedSectionIds {
  testId: string;
  moreTestId: string;
}

/**
 * A list read a page at a time in a card (drawn by `app-paged-card`): the list (a `listOf`, made
 * anew as its parameters change, or one `PagedList`), the loader that reads its first page each
 * time it is made (busy, failure), and its test ids. Made in an injection context.
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

  /** Reads the first page again (after a change the list shows), with the loader. */
  reload(): Promise<unknown> {
    return this.loader.run(() => this.list().reload());
  }
}

/**
 * The section of one of the caller's own lists, which the API pages with nothing but the cursor (my
 * requests, my bids, my panels). Made in an injection context.
 */
export function ownPagedSection<T extends { id: string }>(
  page: ApiFnOptional<{ cursor?: string }, CursorPage<T>>,
  ids: PagedSectionIds,
): PagedSection<T> {
  const api = inject(Api);
  const list = new PagedList<T>((cursor) => api.invoke(page, cursor ? { cursor } : {}));
  return new PagedSection(() => list, ids);
}
