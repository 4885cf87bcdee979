import { Component, inject, input } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import { SearchInput, SortSelect } from './list-controls';
import type { SearchSortRow } from './search-sort';

/**
 * The row above a list, a grid of equal cells: its own filters (projected), then the search box
 * and, when the list offers more than one order, the sort of its `SearchSort`. Test ids are
 * `<name>-search` and `<name>-sort`.
 */
@Component({
  selector: 'app-list-filters',
  imports: [SearchInput, SortSelect],
  template: `
    @let f = filters();
    <ng-content />
    <app-search-input
      [name]="f.options.name + '-search'"
      [label]="t(f.searchLabel)"
      [(text)]="f.search.text"
    />
    @if (f.sorts().length > 1 && f.sort(); as current) {
      <app-sort-select
        [name]="f.options.name + '-sort'"
        [options]="f.sorts()"
        [value]="current"
        (valueChange)="f.pick($event)"
      />
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 8px;
      margin-bottom: 12px;
    }
  `,
})
export class ListFilters<S extends string> {
  protected readonly t = inject(I18n).t;
  readonly filters = input.required<SearchSortRow<S>>();
}
