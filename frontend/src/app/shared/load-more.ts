import { Component, inject, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { I18n } from '../i18n/i18n.service';
import type { PagedList } from './pages';

/** The "load more" button under a paged list, shown while the list has a next page. */
@Component({
  selector: 'app-load-more',
  imports: [NzButtonModule],
  template: `
    @if (list().nextCursor()) {
      <div class="more">
        <button
          nz-button
          type="button"
          [attr.data-testid]="testId()"
          [nzLoading]="list().loadingMore()"
          (click)="more.emit()"
        >
          {{ t('common.loadMore') }}
        </button>
      </div>
    }
  `,
  styles: `
    .more {
      display: flex;
      justify-content: center;
      padding-top: 12px;
    }
  `,
})
export class LoadMore {
  protected readonly t = inject(I18n).t;
  readonly list = input.required<PagedList<{ id: string }>>();
  readonly testId = input.required<string>();
  /** The next page is asked for (the page appends it and shows a failure its own way). */
  readonly more = output<void>();
}
