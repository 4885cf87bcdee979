import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { SearchInput, SortSelect } from './list-controls';
import type { SearchBox } from './list-query';

/**
 * The row above a list, a grid of equal cells: its own filters (projected), then the search box
 * and, when the list offers more than one order, the sort. Test ids are `<name>-search` and
 * `<name>-sort`.
 */
@Component({
  selector: 'app-list-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SearchInput, SortSelect],
  template: `
    <ng-content />
    <app-search-input
      [name]="name() + '-search'"
      [label]="searchLabel()"
      [(text)]="search().text"
    />
    @if (sorts().length > 1 && sort(); as current) {
      <app-sort-select
        [name]="name() + '-sort'"
        [options]="sorts()"
        [value]="current"
        (valueChange)="sort.set($event)"
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
  /** The prefix of the controls' test ids and ids. */
  readonly name = input.required<string>();
  readonly search = input.required<SearchBox>();
  readonly searchLabel = input.required<string>();
  readonly sorts = input<{ value: S; label: string }[]>([]);
  readonly sort = model<S | null>(null);
}
