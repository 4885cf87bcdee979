import { type Signal, computed, effect, untracked } from '@angular/core';
import { type CursorPage, PagedList } from './pages';
import type { Action } from './run-action';

/**
 * The paged list of the given parameters (a scope's id, or a scope and the filters picked), made
 * anew when they change (compared by value), so a late answer for the ones before stays out; empty
 * while there are none (null, or no id yet). `page` reads one page with the cursor params it is
 * given (`{}` for the first); whoever shows the list reads its first page (`reloadOn`, `loadEach`).
 */
export function listOf<P, T extends { id: string }>(
  params: () => P | null | undefined,
  page: (params: P, cursor: { cursor?: string }) => Promise<CursorPage<T>>,
): Signal<PagedList<T>> {
  const current = computed(params, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  return computed(() => {
    const picked = current();
    return new PagedList<T>((cursor) =>
      picked === null || picked === undefined || picked === ''
        ? Promise.resolve({ items: [], nextCursor: null })
        : page(picked, cursor ? { cursor } : {}),
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
