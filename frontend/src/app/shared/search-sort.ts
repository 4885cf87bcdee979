import { type Signal, computed, inject } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { sortOptions } from './list-controls';
import { SearchBox } from './list-query';

/** The part of a list's `ListQuery` the search and sort keep: `q`, and `sort` when it has one. */
interface SearchSortQuery<S extends string> {
  readonly value: Signal<{ q: string; sort?: S }>;
  set(patch: { q?: string; sort?: S }): void;
}

/** How a list's search and sort are named. */
export type SearchSortOptions<S extends string> = {
  /** The prefix of the controls' test ids and ids. */
  name: string;
  searchLabel: I18nKey;
} & (
  | {
      /** The orders offered, each with its label. */
      sorts: readonly S[];
      sortLabel: (sort: S) => I18nKey;
    }
  /** A list with one order: just the search. */
  | { sorts?: never; sortLabel?: never }
);

/**
 * A list's search box and sort kept in its `ListQuery` (`q` and `sort`), drawn by
 * `app-list-filters`. Made in an injection context.
 */
export class SearchSort<S extends string = never> {
  readonly search: SearchBox;
  readonly sort: Signal<S | undefined>;
  readonly sorts: Signal<{ value: S; label: string }[]>;

  constructor(
    private readonly query: SearchSortQuery<S>,
    readonly options: SearchSortOptions<S>,
  ) {
    const t = inject(I18n).t;
    this.search = new SearchBox(
      computed(() => query.value().q),
      (q) => query.set({ q }),
    );
    this.sort = computed(() => query.value().sort);
    this.sorts = computed(() => {
      const label = options.sortLabel;
      return options.sorts && label ? sortOptions(options.sorts, (s) => t(label(s))) : [];
    });
  }

  pick(sort: S): void {
    this.query.set({ sort });
  }
}
