import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { Api } from '../../api/api';
import { ratingsModerate } from '../../api/fn/ratings/ratings-moderate';
import { ratingsQueue } from '../../api/fn/ratings/ratings-queue';
import type { RatingDto } from '../../api/models';
import { LoadMore } from '../../shared/load-more';
import { action } from '../../shared/run-action';
import { listOf, loadEach, loadMore } from '../../shared/list-of';
import { I18n } from '../../i18n/i18n.service';
import { CommunityPicker, myStaffCommunities } from '../../shared/staff-communities';
import { offeredOrFirstPick } from '../../shared/choice-select';
import { RatingScores } from '../rating-scores';
import { ErrorAlert } from '../../shared/error-alert';
import { DecisionButtons } from '../../shared/decision-buttons';

/** Community staff decide on reported rating comments of services in their community: keep hidden or show. */
@Component({
  selector: 'app-rating-moderation',
  imports: [ErrorAlert, CommunityPicker, DatePipe, DecisionButtons, LoadMore, NzCardModule, RatingScores],
  templateUrl: './rating-moderation.html',
  styleUrls: ['../../shared/page.css', './rating-moderation.css'],
})
export class RatingModeration {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  protected readonly communities = myStaffCommunities();
  protected readonly communityId = offeredOrFirstPick(this.communities);

  /** The community's reported comments, a page at a time. */
  protected readonly reports = listOf(this.communityId, (communityId, cursor) =>
    this.api.invoke(ratingsQueue, { communityId, ...cursor }),
  );
  protected readonly loader = action();
  protected readonly loadMore = loadMore;
  /** Keeping a comment hidden or showing it (keyed by the rating). */
  protected readonly decision = action();

  constructor() {
    loadEach(() => [this.reports()], this.loader);
  }

  /** `hide` keeps the comment hidden; otherwise it is shown again. Either way it leaves the queue. */
  protected async decide(rating: RatingDto, hide: boolean): Promise<void> {
    const done = await this.decision.run(
      () => this.api.invoke(ratingsModerate, { id: rating.id, body: { hide } }),
      {
        key: rating.id,
        toast: true,
        success: hide ? 'delivery.moderation.hidden' : 'delivery.moderation.shown',
      },
    );
    if (done) this.reports().items.update((list) => list.filter((r) => r.id !== rating.id));
  }
}
