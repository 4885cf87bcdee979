import { DatePipe } from '@angular/common';
import { Component, inject, input } from '@angular/core';
import { Api } from '../../api/api';
import { organizationsIdentityChangesOf } from '../../api/fn/organizations/organizations-identity-changes-of';
import type { IdentityChangeDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { ListCard } from '../../shared/list-card';
import { LoadMore } from '../../shared/load-more';
import { listOf, loadMore } from '../../shared/list-of';
import { PagedSection } from '../../shared/paged-section';
import { ErrorAlert } from '../../shared/error-alert';

const STATUS_COLORS: Record<IdentityChangeDto['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/**
 * An organization's identity changes, newest first, a page at a time: what was asked for, when, and
 * what the street office decided (with the reason of a rejection). `<app-identity-history [organizationId]="id" />`.
 */
@Component({
  selector: 'app-identity-history',
  imports: [ErrorAlert, DatePipe, ListCard, LoadMore],
  styleUrl: '../../shared/page.css',
  template: `
    <app-error-alert [message]="history.loader.error()" testId="identity-history-error" />
    <ul class="history" data-testid="identity-history">
      @for (c of history.items(); track c.id) {
        <li
          app-list-card
          [attr.data-status]="c.status"
          [heading]="c.proposed.name"
          [meta]="[
            (c.createdAt | date: 'yyyy-MM-dd') ?? '',
            c.proposed.legalRepresentative,
            c.decisionReason,
          ]"
          [tag]="statusLabel(c.status)"
          [tagColor]="colors[c.status]"
        ></li>
      } @empty {
        @if (!history.loader.busy()) {
          <li class="muted">{{ t('identity.historyNone') }}</li>
        }
      }
    </ul>
    <app-load-more [list]="history.list()" testId="identity-history-more" (more)="more()" />
  `,
  styles: `
    :host {
      display: block;
    }
    .history {
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
})
export class IdentityHistory {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly colors = STATUS_COLORS;

  readonly organizationId = input.required<string>();

  protected readonly history = new PagedSection(
    listOf(this.organizationId, (id, cursor) =>
      this.api.invoke(organizationsIdentityChangesOf, { id, ...cursor }),
    ),
    { testId: 'identity-history', moreTestId: 'identity-history-more' },
  );

  protected statusLabel(status: IdentityChangeDto['status']): string {
    return this.t(`identity.status.${status}` as I18nKey);
  }

  protected more(): Promise<void> {
    return loadMore(this.history.list(), this.history.loader);
  }
}
