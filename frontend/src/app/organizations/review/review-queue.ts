import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { organizationsReviewQueue } from '../../api/fn/organizations/organizations-review-queue';
import type { OrganizationDto, ReviewItemDto } from '../../api/models';
import type { OrganizationsReviewQueue$Params } from '../../api/fn/organizations/organizations-review-queue';
import { ORGANIZATION_STATUS } from '../../api/models/organization-status-array';
import { REVIEW_QUEUE_SORT } from '../../api/models/review-queue-sort-array';
import { ListQuery, type QueryValues, oneOfParam, textParam } from '../../shared/list-query';
import { SearchSort } from '../../shared/search-sort';
import { listOf, loadMore } from '../../shared/list-of';
import { PagedSection } from '../../shared/paged-section';
import { LoadMore } from '../../shared/load-more';
import { ListFilters } from '../../shared/list-filters';
import { I18n } from '../../i18n/i18n.service';
import { injectIsMobile } from '../../layout/viewport';
import { Labels, STATUS_COLORS } from '../../shared/labels';
import { IdentityChanges } from './identity-changes';
import { OrganizationFile } from './organization-file';
import { ErrorAlert } from '../../shared/error-alert';

const REVIEW_URL = {
  status: oneOfParam(ORGANIZATION_STATUS, 'pending'),
  q: textParam(),
  sort: oneOfParam(REVIEW_QUEUE_SORT, 'oldest'),
};
type ReviewPicks = QueryValues<typeof REVIEW_URL>;

const reviewParams = ({ status, q, sort }: ReviewPicks): OrganizationsReviewQueue$Params => ({
  status,
  ...(q ? { q } : {}),
  ...(sort !== 'oldest' ? { sort } : {}),
});

/** The street officer's verification queue: one tab per status, each row opening the private file. */
@Component({
  selector: 'app-review-queue',
  imports: [
    ErrorAlert,
    DatePipe,
    ListFilters,
    NzTabsModule,
    NzCardModule,
    NzTagModule,
    NzDrawerModule,
    NzButtonModule,
    NzEmptyModule,
    NzSpinModule,
    OrganizationFile,
    IdentityChanges,
    LoadMore,
  ],
  templateUrl: './review-queue.html',
  styleUrl: './review-queue.css',
})
export class ReviewQueue {
  private readonly api = inject(Api);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly isMobile = injectIsMobile();
  protected readonly statuses = ORGANIZATION_STATUS;
  protected readonly colors = STATUS_COLORS;

  /** The tab, search and sort, kept in the URL (Back from an organization's page returns to them). */
  private readonly query = new ListQuery(REVIEW_URL);
  private readonly picked = this.query.value;
  protected readonly status = computed(() => this.picked().status);
  protected readonly filters = new SearchSort(this.query, {
    name: 'review',
    words: 'review',
    sorts: REVIEW_QUEUE_SORT,
  });
  protected readonly tabIndex = computed(() => this.statuses.indexOf(this.status()));
  /** The tab's organizations for the search and sort picked, a page at a time. */
  protected readonly queue = new PagedSection(
    listOf(this.picked, (picked, cursor) =>
      this.api.invoke(organizationsReviewQueue, { ...reviewParams(picked), ...cursor }),
    ),
    { testId: 'review-list', moreTestId: 'review-more' },
  );
  /** The organization whose file the drawer shows. */
  protected readonly openId = signal<string | null>(null);

  protected selectTab(index: number): void {
    this.query.set({ status: this.statuses[index] ?? 'pending' });
  }

  /** The first page of the tab again (after a decision elsewhere on the page). */
  protected load(): void {
    void this.queue.reload();
  }

  /** The next page of the tab, appended to the rows shown. */
  protected loadMore(): Promise<void> {
    return loadMore(this.queue.list(), this.queue.loader);
  }

  protected open(item: ReviewItemDto): void {
    this.openId.set(item.id);
  }

  /** After an officer action the row may belong to another tab now: refresh this one. */
  protected changed(org: OrganizationDto): void {
    if (org.status !== this.status()) {
      this.queue.list().items.update((items) => items.filter((i) => i.id !== org.id));
    }
    this.load();
  }
}
