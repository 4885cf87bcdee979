import { Component, computed, inject } from '@angular/core';
import { Api } from '../../api/api';
import { peopleDecideResidency } from '../../api/fn/people/people-decide-residency';
import { peopleResidentQueue } from '../../api/fn/people/people-resident-queue';
import type { ResidentRequestViewDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { Decision, DecisionRow } from '../../shared/decision';
import { offeredOrFirst } from '../../shared/choice-select';
import { ListFilterSelects } from '../../shared/filter-select';
import { queryFilter } from '../../shared/query-filter';
import { Labels } from '../../shared/labels';
import { ListQuery, oneOfParam, optionalParam, textParam } from '../../shared/list-query';
import { SearchSort } from '../../shared/search-sort';
import { listOf } from '../../shared/list-of';
import { PagedCard } from '../../shared/paged-card';
import { PagedSection } from '../../shared/paged-section';
import { CommunityPicker, myStaffCommunities } from '../../shared/staff-communities';
import { ResidentRequest } from '../resident-request';

const STATUSES = ['pending', 'verified', 'refused'] as const;

/**
 * Community staff confirm or refuse the residents who asked to join their community; the requests
 * decided before can be looked up by status, name or e-mail.
 */
@Component({
  selector: 'app-resident-queue',
  imports: [ListFilterSelects, CommunityPicker, DecisionRow, PagedCard, ResidentRequest],
  templateUrl: './resident-queue.html',
  styleUrls: ['../../shared/page.css', './resident-queue.css'],
})
export class ResidentQueue {
  private readonly api = inject(Api);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;

  protected readonly communities = myStaffCommunities();
  /** The community, the status and the search, kept in the URL. */
  private readonly query = new ListQuery({
    community: optionalParam(),
    status: oneOfParam(STATUSES, 'pending'),
    q: textParam(),
  });
  protected readonly picked = this.query.value;
  protected readonly communityId = computed(() =>
    offeredOrFirst(this.picked().community, this.communities()),
  );
  /** The status shown (always one: pending by default). */
  protected readonly statusFilter = computed(() => [
    queryFilter(this.query, 'status', 'residents.statusFilter', STATUSES, (s) =>
      this.label.residentStatus(s),
    ),
  ]);
  protected readonly search = new SearchSort(this.query, {
    name: 'residents',
    words: 'residents',
  });
  /** Nothing waits and nothing is searched: the queue is done. */
  protected readonly queueDone = computed(() => this.picked().status === 'pending' && !this.picked().q);

  /** The chosen community's requests in the status, oldest first, a page at a time (a list per community and filters, so a late answer for others stays out). */
  protected readonly requests = new PagedSection(
    listOf(
      computed(() => {
        const communityId = this.communityId();
        const { status, q } = this.picked();
        return communityId ? { communityId, status, ...(q ? { q } : {}) } : null;
      }),
      (params, cursor) => this.api.invoke(peopleResidentQueue, { ...params, ...cursor }),
    ),
    { testId: 'resident-queue', moreTestId: 'residents-more' },
  );
  /** Confirm, or refuse with a reason. */
  protected readonly decision = new Decision({
    kind: 'residentRefusal',
    testId: 'resident-refuse',
    refuse: 'residents.refuse',
    reason: 'residents.refuseReason',
    approve: { label: 'residents.approve', testId: 'resident-approve' },
  });

  protected pickCommunity(community: string | null): void {
    this.query.set({ community });
  }

  protected async approve(request: ResidentRequestViewDto): Promise<void> {
    const approve = () => this.decideResidency(request, { approve: true });
    if (await this.decision.decide(request.id, approve, 'residents.approved')) this.drop(request);
  }

  protected async refuse(request: ResidentRequestViewDto): Promise<void> {
    const refuse = (reason: string) => this.decideResidency(request, { approve: false, reason });
    if (await this.decision.refuse(request.id, refuse, 'residents.refused')) this.drop(request);
  }

  private decideResidency(request: ResidentRequestViewDto, body: { approve: boolean; reason?: string }) {
    return this.api.invoke(peopleDecideResidency, { requestId: request.id, body });
  }

  /** A request decided leaves the list. */
  private drop(request: ResidentRequestViewDto): void {
    this.requests.list().items.update((list) => list.filter((r) => r.id !== request.id));
  }
}
