import { DatePipe } from '@angular/common';
import { Component, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { ActivityDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { ListCard } from '../shared/list-card';

/**
 * A volunteering activity in a list (`<li app-activity-card>`): its title, places taken, when and
 * where; what may be done with it is projected below.
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- a list's item must stay its <li> (valid markup, what screen readers and specs count)
  selector: 'li[app-activity-card]',
  imports: [DatePipe, NzTagModule, ListCard],
  template: `
    <div
      app-list-card
      [heading]="activity().title"
      [tag]="
        t('volunteer.activities.places', {
          taken: '' + activity().signedUp,
          capacity: '' + activity().capacity,
        })
      "
    >
      <div class="muted">
        {{ activity().startsAt | date: 'yyyy-MM-dd HH:mm' }}–{{ activity().endsAt | date: 'HH:mm' }} ·
        {{ place() }}
      </div>
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
    }
  `,
})
export class ActivityCard {
  protected readonly t = inject(I18n).t;
  readonly activity = input.required<ActivityDto>();
  /** Where, as the list says it (the place, or the community). */
  readonly place = input.required<string>();
}
