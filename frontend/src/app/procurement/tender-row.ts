import { DatePipe } from '@angular/common';
import { Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import type { TenderSummaryDto } from '../api/models';
import { ErrorAlert } from '../shared/error-alert';
import { FenPipe } from '../shared/fen-pipe';

/**
 * A tender as a row of a list (`<li app-tender-row>`: my bids, evaluations): its title, a link to
 * its notice, over the facts the page gives (the element marked `facts`); after them what else the
 * page gives (its tags, its action). The row keeps the tender's title in `data-tender`.
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- a list's item must stay its <li> (valid markup, what screen readers and specs count)
  selector: 'li[app-tender-row]',
  imports: [RouterLink],
  host: { class: 'row', '[attr.data-tender]': 'tender().title' },
  template: `
    <div class="main">
      <a [routerLink]="['/tenders', tender().id]" class="name">{{ tender().title }}</a>
      <ng-content select="[facts]" />
    </div>
    <ng-content />
  `,
  styleUrl: './tender-rows.css',
})
export class TenderRow {
  readonly tender = input.required<TenderSummaryDto>();
}

/**
 * What a page listing tenders as rows imports together (`imports: [TENDER_ROWS, …]`: my bids,
 * evaluations): the row, its facts' date and money, the row's link button, and the list's spinner,
 * failure and empty state.
 */
export const TENDER_ROWS = [
  TenderRow,
  ErrorAlert,
  DatePipe,
  FenPipe,
  RouterLink,
  NzButtonModule,
  NzEmptyModule,
  NzSpinModule,
] as const;
