/** A page of a list that can grow, as the API answers it. */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every item of a paged list, page after page: for lists a page needs whole (a name lookup, a team picker). */
export async function allPages<T>(fetch: (cursor?: string) => Promise<PageOf<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
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
