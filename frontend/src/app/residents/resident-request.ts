import { DatePipe } from '@angular/common';
import { booleanAttribute, Component, inject, input } from '@angular/core';
import type { ResidentRequestViewDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { Labels, REQUEST_COLORS } from '../shared/labels';
import { ListCard } from '../shared/list-card';

/**
 * A request to be confirmed as a resident, as an item of a list (`<li app-resident-request>`, the
 * page's data attributes on the `li`): the community asked and when (the requester's own list), or
 * who asked, their e-mail and when (`staff`), its status (staff see none while it waits), the note and
 * a refusal's reason; what the page offers on it is projected under them.
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- a list's item must stay its <li> (valid markup, what screen readers and specs count)
  selector: '[app-resident-request]',
  imports: [DatePipe, ListCard],
  template: `
    @let r = request();
    @let when = r.createdAt | date: 'yyyy-MM-dd HH:mm';
    <div
      app-list-card
      class="card"
      [heading]="staff() ? r.displayName : r.communityName"
      [meta]="staff() ? [r.email, when] : [when]"
      [tag]="staff() && r.status === 'pending' ? null : label.residentStatus(r.status)"
      [tagColor]="colors[r.status]"
    >
      @if (r.note) {
        <p [class]="staff() ? 'note' : 'own muted'">{{ r.note }}</p>
      }
      @if (r.decisionReason) {
        <p [class]="staff() ? 'note' : 'own'">{{ t('join.reason', { reason: r.decisionReason }) }}</p>
      }
      <ng-content />
    </div>
  `,
  styleUrl: '../shared/page.css',
  styles: `
    :host {
      display: block;
    }
    /* The list item is the page's (its padding and rule): the card inside adds none. */
    .card {
      padding: 0;
      border-bottom: none;
    }
    .note {
      margin: 4px 0 0;
    }
    .own {
      margin: 0;
    }
  `,
})
export class ResidentRequest {
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = REQUEST_COLORS;
  readonly request = input.required<ResidentRequestViewDto>();
  /** Seen by the community's staff: who asked heads it. */
  readonly staff = input(false, { transform: booleanAttribute });
}
