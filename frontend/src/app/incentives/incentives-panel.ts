import { Component, computed, inject, input, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { incentivesDecisions } from '../api/fn/incentives/incentives-decisions';
import { incentivesOfOrganization } from '../api/fn/incentives/incentives-of-organization';
import type { IncentiveDecisionDto, OrganizationIncentivesDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { LoadMore } from '../shared/load-more';
import { reloadOn } from '../shared/list-query';
import { action } from '../shared/run-action';
import { listOf, loadMore } from '../shared/list-of';
import { formatFen } from '../shared/money';
import { TIER_COLORS } from '../shared/tier-tag';
import { barOf, badgeOf, decisionSentence } from './incentive-words';
import { ErrorAlert } from '../shared/error-alert';

const ACTION_TAGS: Record<IncentiveDecisionDto['action'], { key: I18nKey; color: string }> = {
  badge: { key: 'incentives.action.badge', color: 'green' },
  bonus: { key: 'incentives.action.bonus', color: 'gold' },
  bar: { key: 'incentives.action.bar', color: 'red' },
};

/**
 * An organization's incentives (PRODUCT §7, public): the badge in force, a bar on new bids in force,
 * and the decisions with their reasons in the reader's language. For an organization's profile or
 * score page: `<app-incentives-panel [organizationId]="id" />`.
 */
@Component({
  selector: 'app-incentives-panel',
  imports: [ErrorAlert, LoadMore, NzAlertModule, NzCardModule, NzTagModule],
  templateUrl: './incentives-panel.html',
  styleUrls: ['../shared/page.css', './incentives-panel.css'],
})
export class IncentivesPanel {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly colors = TIER_COLORS;

  readonly organizationId = input.required<string>();

  protected readonly incentives = signal<OrganizationIncentivesDto | null>(null);
  /** Reads the incentives and the first page of decisions: busy meanwhile, the failure in its error. */
  protected readonly loader = action();

  protected readonly badge = computed(() => badgeOf(this.incentives()));
  protected readonly bar = computed(() => barOf(this.incentives()));
  /** Every decision, newest first, a page at a time (made anew for another organization). */
  protected readonly decisions = listOf(this.organizationId, (id, cursor) =>
    this.api.invoke(incentivesDecisions, { id, ...cursor }),
  );
  protected readonly history = computed(() => {
    this.i18n.lang(); // the sentences follow a language switch
    return this.decisions()
      .items()
      .map((d) => ({
        id: d.id,
        action: d.action,
        tag: ACTION_TAGS[d.action],
        skipped: d.outcome === 'skipped',
        date: d.effectiveFrom,
        amount: d.action === 'bonus' && d.amountFen !== null ? formatFen(d.amountFen) : null,
        text: decisionSentence(d, this.t),
      }));
  });

  constructor() {
    reloadOn(this.organizationId, (id) => this.load(id));
  }

  private load(id: string): Promise<unknown> {
    this.incentives.set(null);
    const decisions = this.decisions();
    return this.loader.run(async () => {
      const [incentives] = await Promise.all([
        this.api.invoke(incentivesOfOrganization, { id }),
        decisions.reload(),
      ]);
      if (id === this.organizationId()) this.incentives.set(incentives);
    });
  }

  /** Older decisions, appended. */
  protected more(): void {
    void loadMore(this.decisions(), this.loader);
  }
}
