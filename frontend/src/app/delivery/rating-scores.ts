import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzRateModule } from 'ng-zorro-antd/rate';
import { I18n } from '../i18n/i18n.service';
import { SCORES, type Score } from './labels';

/** A service rating's scores, read only: each named, in stars. */
@Component({
  selector: 'app-rating-scores',
  changeDetection: ChangeDetectionStrategy.OnPush,
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
