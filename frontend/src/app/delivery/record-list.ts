import { NgTemplateOutlet } from '@angular/common';
import {
  Component,
  Directive,
  TemplateRef,
  booleanAttribute,
  contentChild,
  inject,
  input,
} from '@angular/core';
import type { ServiceRecordDto } from '../api/models';
import { ListCard } from '../shared/list-card';
import { DeliveryLabels, RECORD_COLORS } from './labels';

/** What a page shows and offers of each record of an `app-record-list`: `<ng-template appRecordItem let-record>`. */
@Directive({ selector: 'ng-template[appRecordItem]' })
export class RecordItem {
  readonly template = inject<TemplateRef<{ $implicit: ServiceRecordDto }>>(TemplateRef);

  /** Types the template's `let-record` as a record (strict template checks read it). */
  static ngTemplateContextGuard(
    item: RecordItem,
    context: unknown,
  ): context is { $implicit: ServiceRecordDto } {
    return item instanceof RecordItem && typeof context === 'object';
  }
}

/**
 * A list of service records, each headed by its activity and the worker who logged it (by the worker
 * first on a lead's queue: `byWorker`; the worker left out on their own log: `own`), its status tagged;
 * what the page shows and offers of one comes from its `RecordItem` template, drawn under the head.
 * `empty` is the line when there are none (none while the list loads).
 */
@Component({
  selector: 'app-record-list',
  imports: [NgTemplateOutlet, ListCard],
  template: `
    <ul class="list">
      @for (r of records(); track r.id) {
        <li
          app-list-card
          [attr.data-record]="r.id"
          [attr.data-status]="r.status"
          [attr.data-worker]="r.workerName"
          [attr.data-project]="r.projectTitle"
          [heading]="byWorker() ? r.workerName : label.activity(r.activityType)"
          [meta]="[own() ? null : byWorker() ? label.activity(r.activityType) : r.workerName]"
          [tag]="label.status(r.status)"
          [tagColor]="colors[r.status]"
          tagTestId="record-status"
        >
          <ng-container *ngTemplateOutlet="item()?.template ?? null; context: { $implicit: r }" />
        </li>
      } @empty {
        @if (empty(); as text) {
          <li class="muted">{{ text }}</li>
        }
      }
    </ul>
  `,
  styleUrls: ['../shared/page.css'],
  styles: `
    :host {
      display: block;
    }
  `,
})
export class RecordList {
  protected readonly label = inject(DeliveryLabels);
  protected readonly colors = RECORD_COLORS;
  readonly records = input.required<readonly ServiceRecordDto[]>();
  /** Shown when there are none; null while the list loads. */
  readonly empty = input<string | null>(null);
  /** Headed by the worker, the activity after it (a lead's queue). */
  readonly byWorker = input(false, { transform: booleanAttribute });
  /** The worker's own records: the worker is not named. */
  readonly own = input(false, { transform: booleanAttribute });
  protected readonly item = contentChild(RecordItem);
}
