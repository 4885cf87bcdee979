import { Component, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { Api } from '../../api/api';
import { organizationsDecideIdentityChange } from '../../api/fn/organizations/organizations-decide-identity-change';
import { organizationsIdentityChanges } from '../../api/fn/organizations/organizations-identity-changes';
import type { IdentityChangeReviewDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { LoadMore } from '../../shared/load-more';
import { PagedList } from '../../shared/pages';
import { ReferenceData } from '../../shared/reference-data';
import { IdentityHistory } from './identity-history';
import { DecisionButtons } from '../../shared/decision-buttons';
import { action } from '../../shared/run-action';
import { loadMore } from '../../shared/list-of';
import { ErrorAlert } from '../../shared/error-alert';
import { identityDiff, type IdentityFieldChange } from '../identity-diff';

/**
 * Verified organizations' identity changes (name, legal representative, credit code, categories) waiting
 * for the officer's street office: the verified value beside the asked-for one, approve or reject with a reason.
 */
@Component({
  selector: 'app-identity-changes',
  imports: [
    ErrorAlert,
    DecisionButtons,
    FormsModule,
    IdentityHistory,
    LoadMore,
    NzCardModule,
    NzButtonModule,
    NzInputModule,
  ],
  templateUrl: './identity-changes.html',
  styles: `
    :host {
      display: block;
    }
    nz-card {
      margin-bottom: 16px;
    }
    .change {
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .fields {
      margin: 8px 0;
      padding: 0;
      list-style: none;
    }
    .old {
      text-decoration: line-through;
      color: rgba(0, 0, 0, 0.65);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .actions input {
      max-width: 320px;
    }
  `,
})
export class IdentityChanges {
  private readonly api = inject(Api);
  private readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  /** Emitted with the organization whose identity an approval changed. */
  readonly decided = output<string>();

  /** The queue, oldest edit first, a page at a time. */
  protected readonly list = new PagedList<IdentityChangeReviewDto>((cursor) =>
    this.api.invoke(organizationsIdentityChanges, cursor ? { cursor } : {}),
  );
  protected readonly items = this.list.items;
  /** Reading the queue and deciding (by change): busy meanwhile, the failure in its error. */
  protected readonly acting = action();
  /** The organization whose earlier identity changes are shown (one at a time). */
  protected readonly historyOf = signal<string | null>(null);
  /** The reason typed for each change, by change id. */
  protected readonly reasons: Record<string, string> = {};

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    const read = await this.acting.run(() => this.list.reload());
    if (read?.value.length) this.ref.load().catch(() => undefined);
  }

  /** The next page of the queue, appended. */
  protected async loadMore(): Promise<void> {
    await loadMore(this.list, this.acting);
    this.ref.load().catch(() => undefined);
  }

  protected toggleHistory(organizationId: string): void {
    this.historyOf.update((shown) => (shown === organizationId ? null : organizationId));
  }

  /** Only the fields the organization asks to change. */
  protected changes(item: IdentityChangeReviewDto): IdentityFieldChange[] {
    return identityDiff(item.current, item.proposed, this.ref);
  }

  protected async decide(item: IdentityChangeReviewDto, approve: boolean): Promise<void> {
    const reason = (this.reasons[item.id] ?? '').trim();
    if (!approve && reason.length < 2) return this.acting.error.set(this.t('identity.reasonRule'));
    const done = await this.acting.run(
      () =>
        this.api.invoke(organizationsDecideIdentityChange, {
          changeId: item.id,
          body: reason ? { approve, reason } : { approve },
        }),
      { key: item.id, success: approve ? 'identity.approved' : 'identity.rejected' },
    );
    if (!done) return;
    this.items.update((items) => items.filter((i) => i.id !== item.id));
    if (approve) this.decided.emit(item.organizationId);
  }
}
