import { type Signal, computed, inject } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { sortOptions } from './list-controls';
import { SearchBox } from './list-query';
import { querySearch } from './query-search';

/** The part of a list's `ListQuery` the search and sort keep: `q`, and `sort` when it has one. */
interface SearchSortQuery<S extends string> {
  readonly value: Signal<{ q: string; sort?: S }>;
  set(patch: { q?: string; sort?: S }): void;
}

/** The prefixes of lists' words: those with a `<words>.search`. */
export type ListWords = I18nKey extends infer K ? (K extends `${infer W}.search` ? W : never) : never;

/** The orders named among the words `W` (`<W>.sort.<order>`). */
type SortWords<W extends string> = I18nKey extends infer K
  ? K extends `${W}.sort.${infer S}`
    ? S
    : never
  : never;

/** How a list's search and sort are named. */
export interface SearchSortOptions<S extends string, W extends ListWords> {
  /** The prefix of the controls' test ids and ids. */
  name: string;
  /** The list's words: the search box's label `<words>.search`, each order's `<words>.sort.<order>`. */
  words: W;
  /** The orders offered; none for a list with one order. */
  sorts?: readonly (S & SortWords<W>)[];
}

/** What the rows that draw a list's search and sort read of it, whatever its words. */
export interface SearchSortRow<S extends string> {
  readonly search: SearchBox;
  readonly sort: Signal<S | undefined>;
  readonly sorts: Signal<{ value: S; label: string }[]>;
  readonly searchLabel: I18nKey;
  readonly options: { readonly name: string };
  pick(sort: S): void;
}

/**
 * A list's search box and sort kept in its `ListQuery` (`q` and `sort`), drawn by
 * `app-list-filters`. Made in an injection context.
 */
export class SearchSort<
  S extends string = never,
  W extends ListWords = ListWords,
> implements SearchSortRow<S> {
  readonly search: SearchBox;
  readonly sort: Signal<S | undefined>;
  readonly sorts: Signal<{ value: S; label: string }[]>;
  readonly searchLabel: I18nKey;

  constructor(
    private readonly query: SearchSortQuery<S>,
    readonly options: SearchSortOptions<S, W>,
  ) {
    const t = inject(I18n).t;
    this.search = querySearch(query);
    this.sort = computed(() => query.value().sort);
    this.searchLabel = `${options.words}.search` as I18nKey;
    this.sorts = computed(() =>
      sortOptions(options.sorts ?? [], (s) => t(`${options.words}.sort.${s}` as I18nKey)),
    );
  }

  pick(sort: S): void {
    this.query.set({ sort });
  }
}
