import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRateModule } from 'ng-zorro-antd/rate';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Api } from '../../api/api';
import { ratingsModerate, ratingsQueue } from '../../api/functions';
import type { RatingDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { LoadMore } from '../../shared/load-more';
import { action } from '../../shared/run-action';
import { loadEach, loadMore, scopedList } from '../../shared/scoped-lists';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import type { StaffScope } from '../../residents/queue/resident-queue';
import { SCORES, type Score } from '../labels';

/** Community staff decide on reported rating comments of services in their community: keep hidden or show. */
@Component({
  selector: 'app-rating-moderation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    LoadMore,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzRateModule,
    NzSelectModule,
  ],
  templateUrl: './rating-moderation.html',
  styleUrls: ['../../shared/page.css', './rating-moderation.css'],
})
export class RatingModeration {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly message = inject(NzMessageService);
  protected readonly t = inject(I18n).t;
  protected readonly scores = SCORES;

  protected readonly communities = computed<StaffScope[]>(() =>
    (this.auth.user()?.memberships ?? [])
      .filter((m) => m.role === 'community_staff' && m.regionId)
      .map((m) => ({ id: m.regionId as string, name: m.scopeName ?? (m.regionId as string) })),
  );
  protected readonly communityId = linkedSignal<StaffScope[], string | null>({
    source: this.communities,
    computation: (all, previous) => all.find((c) => c.id === previous?.value)?.id ?? all[0]?.id ?? null,
  });

  /** The community's reported comments, a page at a time. */
  protected readonly reports = scopedList(this.communityId, (communityId, cursor) =>
    this.api.invoke(ratingsQueue, { communityId, ...cursor }),
  );
  protected readonly loader = action();
  protected readonly loadMore = loadMore;
  protected readonly busy = signal<string | null>(null);

  constructor() {
    loadEach(() => [this.reports()], this.loader);
  }

  protected scoreLabel(score: Score): string {
    return this.t(`delivery.rate.${score}`);
  }

  /** `hide` keeps the comment hidden; otherwise it is shown again. Either way it leaves the queue. */
  protected async decide(rating: RatingDto, hide: boolean): Promise<void> {
    this.busy.set(rating.id);
    try {
      await this.api.invoke(ratingsModerate, { id: rating.id, body: { hide } });
      this.reports().items.update((list) => list.filter((r) => r.id !== rating.id));
      this.message.success(this.t(hide ? 'delivery.moderation.hidden' : 'delivery.moderation.shown'));
    } catch (err) {
      this.message.error(this.failure(err));
    } finally {
      this.busy.set(null);
    }
  }

  private failure(err: unknown): string {
    return failureText(err, this.t);
  }
}
