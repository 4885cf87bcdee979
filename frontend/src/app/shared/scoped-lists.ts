import { computed, effect, type Signal, untracked } from '@angular/core';
import { type CursorPage, PagedList } from './pages';
import type { Action } from './run-action';

/**
 * The paged list of the chosen scope (a community…, or a community with a list's filters), made
 * anew when the scope changes so that a late answer for the one before stays out; empty without a
 * scope. `page` reads one page with the cursor params it is given (`{}` for the first).
 */
export function scopedList<T extends { id: string }, S = string>(
  scope: () => S | null,
  page: (scope: S, cursor: { cursor?: string }) => Promise<CursorPage<T>>,
): Signal<PagedList<T>> {
  return computed(() => {
    const id = scope();
    return new PagedList<T>((cursor) =>
      id ? page(id, cursor ? { cursor } : {}) : Promise.resolve({ items: [], nextCursor: null }),
    );
  });
}

/**
 * Reads the first page of the lists each time they are made anew, with the loader: busy while
 * they load, their failure in its error. Call it in an injection context.
 */
export function loadEach(lists: () => PagedList<{ id: string }>[], loader: Action): void {
  effect(() => {
    const current = lists();
    untracked(() => void loader.run(() => Promise.all(current.map((l) => l.reload()))));
  });
}

/** Appends the list's next page; a failure shows in the loader's error. */
export const loadMore = (list: PagedList<{ id: string }>, loader: Action): Promise<void> =>
  list.more().catch((err: unknown) => loader.fail(err));
