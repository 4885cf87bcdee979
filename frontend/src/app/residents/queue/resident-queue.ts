import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Api } from '../../api/api';
import { peopleDecideResidency, peopleResidentQueue } from '../../api/functions';
import type { ResidentRequestViewDto } from '../../api/models';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { ListCard } from '../../shared/list-card';
import { ReasonForm } from '../../shared/reason-form';
import { reasonForm } from '../../shared/reason-rules';
import { action } from '../../shared/run-action';
import { LoadMore } from '../../shared/load-more';
import { loadEach, loadMore, scopedList } from '../../shared/scoped-lists';

/** The communities a user staffs: their community_staff memberships' regions. */
export interface StaffScope {
  id: string;
  name: string;
}

/** Community staff confirm or refuse the residents who asked to join their community. */
@Component({
  selector: 'app-resident-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    NzCardModule,
    NzSelectModule,
    NzButtonModule,
    NzAlertModule,
    ListCard,
    LoadMore,
    ReasonForm,
  ],
  templateUrl: './resident-queue.html',
  styleUrls: ['../../shared/page.css', './resident-queue.css'],
})
export class ResidentQueue {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;

  protected readonly communities = computed<StaffScope[]>(() =>
    (this.auth.user()?.memberships ?? [])
      .filter((m) => m.role === 'community_staff' && m.regionId)
      .map((m) => ({ id: m.regionId as string, name: m.scopeName ?? (m.regionId as string) })),
  );
  protected readonly communityId = linkedSignal<StaffScope[], string | null>({
    source: this.communities,
    computation: (all, previous) => all.find((c) => c.id === previous?.value)?.id ?? all[0]?.id ?? null,
  });

  /** The chosen community's pending requests, oldest first, a page at a time (a list per community, so a late answer for another stays out). */
  protected readonly list = scopedList(this.communityId, (communityId, cursor) =>
    this.api.invoke(peopleResidentQueue, { communityId, status: 'pending', ...cursor }),
  );
  protected readonly requests = computed(() => this.list().items());
  protected readonly loader = action();
  protected readonly decision = action();
  /** The request being refused, whose reason is being typed. */
  protected readonly refusing = signal<string | null>(null);
  protected readonly refusal = reasonForm('residentRefusal');

  constructor() {
    loadEach(() => [this.list()], this.loader);
  }

  /** The next page of the queue, appended. */
  protected loadMore(): Promise<void> {
    return loadMore(this.list(), this.loader);
  }

  protected startRefusal(request: ResidentRequestViewDto): void {
    this.refusing.set(request.id);
    this.refusal.reset();
  }

  protected approve(request: ResidentRequestViewDto): Promise<void> {
    return this.decide(request, true);
  }

  protected refuse(request: ResidentRequestViewDto): Promise<void> {
    if (!touchAll(this.refusal)) return Promise.resolve();
    return this.decide(request, false, this.refusal.getRawValue().reason.trim());
  }

  private async decide(request: ResidentRequestViewDto, approve: boolean, reason?: string): Promise<void> {
    const done = await this.decision.run(
      () =>
        this.api.invoke(peopleDecideResidency, {
          requestId: request.id,
          body: reason ? { approve, reason } : { approve },
        }),
      { key: request.id, toast: true, success: approve ? 'residents.approved' : 'residents.refused' },
    );
    if (!done) return;
    this.list().items.update((list) => list.filter((r) => r.id !== request.id));
    this.refusing.set(null);
  }
}
