import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, booleanAttribute, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { ServiceRecordDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { ReferenceData } from '../shared/reference-data';
import { DeliveryLabels, RESPONSE_COLORS } from './labels';

/**
 * What a service record says, under its list item's head: when (the day too unless `sameDay`), how
 * long and where (the community unless `sameDay`), the listed residents with their answers (unless
 * `beneficiaries` is off), how many unnamed ones, the place and the notes.
 */
@Component({
  selector: 'app-record-summary',
  imports: [DatePipe, DecimalPipe, NzTagModule],
  template: `
    @let r = record();
    <div class="muted">
      {{ r.startedAt | date: (sameDay() ? 'HH:mm' : 'yyyy-MM-dd HH:mm') }}–{{ r.endedAt | date: 'HH:mm' }} ·
      {{ t('delivery.hours', { hours: (r.hours | number: '1.0-2') ?? '' }) }}
      @if (!sameDay()) {
        · {{ ref.regionName(r.communityId) }}
      }
    </div>
    @if (beneficiaries() && r.beneficiaries.length) {
      <div class="tags">
        @for (b of r.beneficiaries; track b.userId) {
          <nz-tag [nzColor]="responseColors[b.response]"
            >{{ b.displayName }} · {{ label.response(b.response) }}</nz-tag
          >
        }
      </div>
    }
    @if (beneficiaries() && r.anonymousCount) {
      <div class="muted">{{ t('delivery.anonymousCount', { n: '' + r.anonymousCount }) }}</div>
    }
    @if (r.location) {
      <div class="muted">{{ r.location }}</div>
    }
    @if (r.notes) {
      <p class="notes">{{ r.notes }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin-top: 6px;
    }
    .notes {
      margin: 4px 0 0;
      white-space: pre-wrap;
    }
  `,
})
export class RecordSummary {
  protected readonly t = inject(I18n).t;
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(DeliveryLabels);
  protected readonly responseColors = RESPONSE_COLORS;
  readonly record = input.required<ServiceRecordDto>();
  /** Show the listed residents and the unnamed count (the resident's own page leaves them out). */
  readonly beneficiaries = input(true, { transform: booleanAttribute });
  /** A list of one day: times only, and no community. */
  readonly sameDay = input(false, { transform: booleanAttribute });
}
