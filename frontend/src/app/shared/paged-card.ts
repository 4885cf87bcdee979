import { Component, inject, input } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { I18n } from '../i18n/i18n.service';
import { ErrorAlert } from './error-alert';
import { SearchInput } from './list-controls';
import { LoadMore } from './load-more';
import { loadMore } from './list-of';
import type { PagedSection } from './paged-section';
import type { SearchSortRow } from './search-sort';

/**
 * A paged list in a card (a `PagedSection`: its list, its loader and its test ids): the list's
 * filters above it (its `search` box first, then those projected with the `filters` attribute, so
 * they stay while the card loads), the loader's failure, the items (the page projects its `<li>`s),
 * a line when there are none, and "load more". The loader reads the pages and holds their failure.
 */
@Component({
  selector: 'app-paged-card',
  imports: [ErrorAlert, NzCardModule, LoadMore, SearchInput],
  template: `
    <div class="filters">
      @if (search(); as s) {
        <app-search-input
          [name]="s.options.name + '-search'"
          [label]="t(s.searchLabel)"
          [(text)]="s.search.text"
        />
      }
      <ng-content select="[filters]" />
    </div>
    @let paged = section();
    <nz-card [nzTitle]="heading()" [nzLoading]="paged.loader.busy()">
      <app-error-alert [message]="paged.loader.error()" />
      <ul class="list" [attr.data-testid]="paged.ids.testId">
        <ng-content />
        @if (!paged.loader.busy() && paged.items().length === 0) {
          <li class="muted">{{ empty() }}</li>
        }
      </ul>
      <app-load-more [list]="paged.list()" [testId]="paged.ids.moreTestId" (more)="more()" />
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
      gap: 8px;
    }
    .filters:not(:empty) {
      margin-bottom: 12px;
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    /* The items are the page's (projected): the page's own rules style their insides. */
    .list > ::ng-deep li {
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .list > ::ng-deep li:last-child {
      border-bottom: none;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
  `,
})
export class PagedCard<S extends string> {
  protected readonly t = inject(I18n).t;
  readonly section = input.required<PagedSection<{ id: string }>>();
  readonly heading = input.required<string>();
  /** Shown when the list has no items. */
  readonly empty = input.required<string>();
  /** The list's search, drawn first among its filters (test id `<name>-search`). */
  readonly search = input<SearchSortRow<S>>();

  protected more(): Promise<void> {
    const paged = this.section();
    return loadMore(paged.list(), paged.loader);
  }
}
