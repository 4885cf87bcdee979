import { type Signal, computed } from '@angular/core';
import { type CursorPage, PagedList } from './pages';

/**
 * The paged list for a list's picks (its filters, search and sort, from a `ListQuery`), made anew
 * when they change so that a late answer for the picks before stays out. `page` reads one page of
 * the picks (`cursor` absent for the first). Load it with `loadEach` of `scoped-lists.ts`.
 */
export function queriedList<P, T extends { id: string }>(
  picks: Signal<P>,
  page: (picks: P, cursor?: string) => Promise<CursorPage<T>>,
): Signal<PagedList<T>> {
  return computed(() => {
    const current = picks();
    return new PagedList<T>((cursor) => page(current, cursor));
  });
}

/** The sort choices of a list, each labelled by its i18n key `<prefix>.<value>`. */
export const sortOptions = <T extends string>(
  values: readonly T[],
  label: (value: T) => string,
): { value: T; label: string }[] => values.map((value) => ({ value, label: label(value) }));
