import { signal } from '@angular/core';
import type { ApiFnRequired, Api } from '../api/api';

/** A cursor page as the API answers it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Largest page the API serves. */
export const MAX_PAGE = 100;

/**
 * Every item of a paged list, page after page (the largest pages the API serves), for a view
 * that needs the whole list: a picker, or a page that sums or groups it.
 */
export async function allPages<P extends { cursor?: string; limit?: number }, T>(
  api: Api,
  fn: ApiFnRequired<P, CursorPage<T>>,
  params: P,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.invoke(fn, { ...params, limit: MAX_PAGE, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The items shown with the next page appended; an item already shown (added meanwhile) stays once. */
export const appendPage = <T extends { id: string }>(shown: T[], next: T[]): T[] => {
  const ids = new Set(shown.map((i) => i.id));
  return [...shown, ...next.filter((i) => !ids.has(i.id))];
};

/**
 * A list the API serves a page at a time, shown with a "load more" button: `reload` reads the
 * first page (again), `more` appends the next one. Failures reach the caller.
 */
export class PagedList<T extends { id: string }> {
  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loadingMore = signal(false);

  constructor(private readonly read: (cursor?: string) => Promise<CursorPage<T>>) {}

  /** The first page, shown in place of what was; answers its items. */
  async reload(): Promise<T[]> {
    const page = await this.read();
    this.items.set(page.items);
    this.nextCursor.set(page.nextCursor);
    return page.items;
  }

  /** The next page, appended (an item already shown stays once). */
  async more(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    try {
      const page = await this.read(cursor);
      this.items.update((shown) => appendPage(shown, page.items));
      this.nextCursor.set(page.nextCursor);
    } finally {
      this.loadingMore.set(false);
    }
  }
}
