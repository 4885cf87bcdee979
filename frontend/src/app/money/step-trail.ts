import { Component, computed, inject, input } from '@angular/core';
import type { DisbursementDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { MoneyLabels } from './labels';
import { stepTrail } from './steps';

/** Who did which step of a payment, and what is still ahead. */
@Component({
  selector: 'app-step-trail',
  template: `
    <ol class="trail" data-testid="step-trail" [attr.aria-label]="t('money.trail.label')">
      @for (s of steps(); track s.key) {
        <li [class]="s.state" [attr.data-step]="s.key" [attr.data-state]="s.state">
          <span class="name">{{ label.step(s.key) }}</span>
          @if (s.by) {
            <span class="by">{{ s.by }}</span>
          } @else if (s.state === 'current') {
            <span class="by">{{ t('money.trail.waiting') }}</span>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .trail {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 0;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
      font-size: 12px;
    }
    li {
      display: flex;
      flex-direction: column;
      padding: 2px 10px;
      border-left: 2px solid #d9d9d9;
      color: rgba(0, 0, 0, 0.65);
    }
    li.done {
      border-color: #52c41a;
      color: rgba(0, 0, 0, 0.88);
    }
    li.current {
      border-color: #1677ff;
      color: #1677ff;
    }
    .name {
      font-weight: 500;
    }
  `,
})
export class StepTrail {
  readonly disbursement = input.required<DisbursementDto>();
  protected readonly label = inject(MoneyLabels);
  protected readonly t = inject(I18n).t;
  protected readonly steps = computed(() => stepTrail(this.disbursement()));
}
