import { DecimalPipe, NgTemplateOutlet } from '@angular/common';
import { Component, TemplateRef, booleanAttribute, contentChild, inject, input, output } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { ListCard } from '../shared/list-card';
import { LoadMore } from '../shared/load-more';
import type { PagedList } from '../shared/pages';

/** The tag colors of volunteered hours' and help requests' states. */
export const STATE_COLORS: Record<string, string> = {
  pending: 'processing',
  certified: 'success',
  objected: 'warning',
  void: 'default',
  open: 'processing',
  accepted: 'blue',
  fulfilled: 'gold',
  confirmed: 'success',
  cancelled: 'default',
};

/** A state of volunteered hours or of a help request, in words. */
export const stateLabel = (t: I18n['t'], state: string): string => t(`volunteer.state.${state}` as I18nKey);

/** What a list of volunteered hours shows of each. */
export interface ListedHours {
  id: string;
  activityTitle: string;
  minutes: number;
  state: string;
  /** The volunteer's published name (null: anonymous), on the community's lists. */
  volunteerName?: string | null;
}

/**
 * A paged list of volunteered hours: each with its activity, the volunteer (on the community's
 * lists), the hours and their state; what may be done with one comes from the page's
 * `<ng-template let-hours>`, drawn under it. "Load more" below, a line when there are none.
 */
@Component({
  selector: 'app-hours-list',
  imports: [DecimalPipe, NgTemplateOutlet, ListCard, LoadMore],
  template: `
    <ul class="list" [attr.data-testid]="testId()">
      @for (h of list().items(); track h.id) {
        <li
          app-list-card
          [attr.data-hours]="h.activityTitle"
          [attr.data-state]="h.state"
          [heading]="h.activityTitle"
          [meta]="[
            named() ? (h.volunteerName ?? t('volunteer.check.anonymous')) : null,
            t('volunteer.hours.amount', { hours: (h.minutes / 60 | number: '1.0-1') ?? '' }),
          ]"
          [tag]="stateLabel(h.state)"
          [tagColor]="colors[h.state]"
        >
          <ng-container *ngTemplateOutlet="itemTemplate() ?? null; context: { $implicit: h }" />
        </li>
      } @empty {
        <li class="muted">{{ empty() }}</li>
      }
    </ul>
    <app-load-more [list]="list()" [testId]="moreTestId()" (more)="more.emit()" />
  `,
  styles: `
    :host {
      display: block;
    }
    .list {
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
    li.muted {
      padding: 12px 0;
    }
  `,
})
export class HoursList {
  protected readonly t = inject(I18n).t;
  protected readonly colors = STATE_COLORS;
  readonly list = input.required<PagedList<ListedHours>>();
  /** Shown when there are none. */
  readonly empty = input.required<string>();
  /** The test ids of the list and of its "load more" button. */
  readonly testId = input.required<string>();
  readonly moreTestId = input.required<string>();
  /** Says whose hours they are (the community's lists). */
  readonly named = input(false, { transform: booleanAttribute });
  /** The next page is asked for. */
  readonly more = output<void>();
  protected readonly itemTemplate = contentChild(TemplateRef);

  protected stateLabel(state: string): string {
    return stateLabel(this.t, state);
  }
}
