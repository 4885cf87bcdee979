import { Component, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzRateModule } from 'ng-zorro-antd/rate';
import { I18n } from '../i18n/i18n.service';
import type { RatingDto } from '../api/models';
import { DeliveryLabels, SCORES, type Score } from './labels';

/** A service rating's scores, read only: each named, in stars. */
@Component({
  selector: 'app-rating-scores',
  imports: [FormsModule, NzRateModule],
  template: `
    @for (score of scores; track score) {
      <span class="score">
        <span class="muted">{{ label(score) }}</span>
        <nz-rate nzDisabled [ngModel]="rating()[score]" [attr.aria-label]="label(score)" />
      </span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
    }
    .score {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
  `,
})
export class RatingScores {
  protected readonly t = inject(I18n).t;
  protected readonly scores = SCORES;
  readonly rating = input.required<Record<Score, number>>();

  protected label(score: Score): string {
    return this.t(`delivery.rate.${score}`);
  }
}

/** A service rating as its readers see it: the scores, the comment (or why it is hidden) and the organization's reply. */
@Component({
  selector: 'app-rating-view',
  imports: [RatingScores],
  template: `
    @let r = rating();
    <app-rating-scores [rating]="r" />
    @if (r.comment) {
      <p class="notes">{{ r.comment }}</p>
    } @else if (r.moderation !== 'visible') {
      <p class="muted">{{ label.moderation(r.moderation) }}</p>
    }
    @if (r.orgReply) {
      <div class="reply" data-testid="org-reply">
        {{ t('delivery.rate.orgReply', { reply: r.orgReply }) }}
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .notes {
      margin: 4px 0 0;
      white-space: pre-wrap;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
    .reply {
      margin: 8px 0;
      padding: 8px 12px;
      background: #f6f8fa;
      border-left: 3px solid #1677ff;
    }
  `,
})
export class RatingView {
  protected readonly t = inject(I18n).t;
  protected readonly label = inject(DeliveryLabels);
  readonly rating = input.required<RatingDto>();
}
