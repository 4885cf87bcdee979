import { ChangeDetectionStrategy, Component, type Signal, computed, inject, input } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { sortOptions } from './list-controls';
import { ListFilters } from './list-filters';
import { SearchBox } from './list-query';

/** The part of a list's `ListQuery` the search and sort keep: `q` and `sort`. */
interface SearchSortQuery<S extends string> {
  readonly value: Signal<{ q: string; sort: S }>;
  set(patch: { q?: string; sort?: S }): void;
}

/** How a list's search and sort are named. */
export interface SearchSortOptions<S extends string> {
  /** The prefix of the controls' test ids and ids. */
  name: string;
  searchLabel: I18nKey;
  /** The orders offered, each with its label. */
  sorts: readonly S[];
  sortLabel: (sort: S) => I18nKey;
}

/**
 * A list's search box and sort kept in its `ListQuery` (`q` and `sort`), drawn by
 * `app-search-sort`. Made in an injection context.
 */
export class SearchSort<S extends string> {
  readonly search: SearchBox;
  readonly sort: Signal<S>;
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
    this.sorts = computed(() => sortOptions(options.sorts, (s) => t(options.sortLabel(s))));
  }

  pick(sort: S | null): void {
    if (sort) this.query.set({ sort });
  }
}

/** The row above a list: its own filters (projected), the search box and the sort of a `SearchSort`. */
@Component({
  selector: 'app-search-sort',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ListFilters],
  template: `
    @let f = filters();
    <app-list-filters
      [name]="f.options.name"
      [search]="f.search"
      [searchLabel]="t(f.options.searchLabel)"
      [sorts]="f.sorts()"
      [sort]="f.sort()"
      (sortChange)="f.pick($event)"
    >
      <ng-content />
    </app-list-filters>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class SearchSortFilters<S extends string> {
  protected readonly t = inject(I18n).t;
  readonly filters = input.required<SearchSort<S>>();
}
