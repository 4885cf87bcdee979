import { Component, input } from '@angular/core';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { ErrorAlert } from './error-alert';
import { loadMore } from './list-of';
import { LoadMore } from './load-more';
import type { PagedList } from './pages';
import type { Action } from './run-action';

/**
 * A browse page's results as a grid of cards (each page projects its cards, each card a link to
 * its item): the failure above, a spinner while they load, "nothing found" when there are none,
 * and "load more" under them. Test ids: `<name>-list` on the grid (unless `testId`), `<name>-error`,
 * `<name>-empty` and `<name>-more`.
 */
@Component({
  selector: 'app-card-grid',
  imports: [ErrorAlert, NzEmptyModule, NzSpinModule, LoadMore],
  template: `
    <app-error-alert [message]="loader().error()" [testId]="name() + '-error'" />
    <nz-spin [nzSpinning]="loader().busy()">
      <div class="cards" [attr.data-testid]="testId() ?? name() + '-list'" [attr.data-query]="query()">
        <ng-content />
        @if (!loader().busy() && list().items().length === 0) {
          <nz-empty class="empty" [nzNotFoundContent]="empty()" [attr.data-testid]="name() + '-empty'" />
        }
      </div>
    </nz-spin>
    <app-load-more [list]="list()" [testId]="name() + '-more'" (more)="more()" />
  `,
  styles: `
    :host {
      display: block;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
      gap: 12px;
      min-height: 120px;
    }
    .empty {
      grid-column: 1 / -1;
    }
  `,
})
export class CardGrid {
  /** The prefix of the error's and the empty line's test ids. */
  readonly name = input.required<string>();
  /** The grid's test id, `<name>-list` by default. */
  readonly testId = input<string>();
  /** What reads the cards: busy while it does, and its failure. */
  readonly loader = input.required<Action>();
  /** The cards' list (the page draws its items; the empty line stands in for none). */
  readonly list = input.required<PagedList<{ id: string }>>();
  /** Shown when there are no cards. */
  readonly empty = input.required<string>();
  /** The search the cards answer, on the grid as `data-query` (for tests to wait on); none by default. */
  readonly query = input<string | null>(null);

  protected more(): Promise<void> {
    return loadMore(this.list(), this.loader());
  }
}
