import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Api } from '../api/api';
import { timeBankAccount } from '../api/fn/time-bank/time-bank-account';
import { timeBankStatement } from '../api/fn/time-bank/time-bank-statement';
import type { TimeAccountDto, TimePostingDto } from '../api/models';
import { BackLink } from '../shared/back-link';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { CardsOnPhone } from '../shared/cards-on-phone';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { action } from '../shared/run-action';
import { loadEach, loadMore } from '../shared/list-of';
import { ErrorAlert } from '../shared/error-alert';

/**
 * `/volunteer/statement`: my statement of account of the time bank (时间银行), newest first: when,
 * credits in or out, what for (the activity whose hours were saved, or the help request) and the
 * balance right after each posting; older postings on "load more".
 */
@Component({
  selector: 'app-time-statement',
  imports: [BackLink, ErrorAlert, CardsOnPhone, DatePipe, DecimalPipe, LoadMore, NzCardModule, NzTableModule],
  templateUrl: './time-statement.html',
  styleUrls: ['../shared/page.css', './volunteer-page.css'],
})
export class TimeStatement {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  /** The table's columns: when, what for, then the hours and the balance (numbers, to the right). */
  protected readonly columns: readonly { label: I18nKey; right?: boolean }[] = [
    { label: 'volunteer.statement.date' },
    { label: 'volunteer.statement.purpose' },
    { label: 'volunteer.statement.hours', right: true },
    { label: 'volunteer.statement.balance', right: true },
  ];
  protected readonly account = signal<TimeAccountDto | null>(null);
  protected readonly postings = new PagedList<TimePostingDto>((cursor) =>
    this.api.invoke(timeBankStatement, cursor ? { cursor } : {}),
  );
  protected readonly loader = action();

  constructor() {
    loadEach(() => [this.postings], this.loader);
    void this.loader.run(async () => this.account.set(await this.api.invoke(timeBankAccount)));
  }

  protected more(): Promise<void> {
    return loadMore(this.postings, this.loader);
  }

  /** What the posting was for, in words: its kind, and the activity or request it names. */
  protected purpose(p: TimePostingDto): string {
    const kind = this.t(`volunteer.statement.kind.${p.kind}` as I18nKey);
    return p.about ? `${kind} · ${p.about}` : kind;
  }
}
