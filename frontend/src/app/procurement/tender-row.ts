import { DatePipe } from '@angular/common';
import { Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { TenderSummaryDto } from '../api/models';
import { FenPipe } from '../shared/fen-pipe';
import { PagedCard } from '../shared/paged-card';

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
 * What a page listing tenders as rows imports together (`imports: [TENDER_ROWS]`: my bids,
 * evaluations): the paged card the rows stand in, the row, its facts' date, money and tags, and its
 * link button.
 */
export const TENDER_ROWS = [
  PagedCard,
  TenderRow,
  DatePipe,
  FenPipe,
  RouterLink,
  NzButtonModule,
  NzTagModule,
] as const;
