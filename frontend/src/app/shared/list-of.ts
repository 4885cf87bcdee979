import { type Signal, computed } from '@angular/core';
import { type CursorPage, PagedList } from './pages';

/**
 * The paged list of the given parameters (a scope and the filters picked), made anew when they
 * change (compared by value), so a late answer for the ones before stays out; empty while they are
 * null. `page` reads one page with the cursor params it is given (`{}` for the first); whoever shows
 * the list reads its first page (`reloadOn`, `loadEach`).
 */
export function listOf<P, T extends { id: string }>(
  params: () => P | null,
  page: (params: P, cursor: { cursor?: string }) => Promise<CursorPage<T>>,
): Signal<PagedList<T>> {
  const current = computed(params, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  return computed(() => {
    const picked = current();
    return new PagedList<T>((cursor) =>
      picked === null
        ? Promise.resolve({ items: [], nextCursor: null })
        : page(picked, cursor ? { cursor } : {}),
    );
  });
}
