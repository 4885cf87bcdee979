import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { fundDonations } from '../../api/fn/fund/fund-donations';
import { fundGrants } from '../../api/fn/fund/fund-grants';
import { fundProjects } from '../../api/fn/fund/fund-projects';
import { fundProposeGrant } from '../../api/fn/fund/fund-propose-grant';
import { fundSummary } from '../../api/fn/fund/fund-summary';
import type { FundProjectDto, FundSummaryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { yuanToFen, yuanValidator } from '../../shared/money';
import { UserScopes } from '../../shared/scopes';
import { GrantTag } from '../grant-tag';
import { TestModeBanner } from '../../shared/payments-mode';
import { FormCard } from '../../shared/form-card';
import type { Field } from '../../shared/form-fields';
import { ListQuery, optionalParam, reloadOn } from '../../shared/list-query';
import { offeredOrFirst } from '../../shared/choice-select';
import { CommunityPicker } from '../../shared/staff-communities';
import { action } from '../../shared/run-action';
import { listOf } from '../../shared/list-of';
import { PagedCard } from '../../shared/paged-card';
import { PagedSection } from '../../shared/paged-section';
import { ErrorAlert } from '../../shared/error-alert';
import { FenPipe } from '../../shared/fen-pipe';

/**
 * 社区发展基金 for community staff: the fund's balance, the donations with their receipts, the grants
 * and their approvals, and "propose a grant" to a project serving the community.
 */
/** Donations and grants per page. */
const FUND_PAGE = 50;

@Component({
  selector: 'app-fund-page',
  imports: [
    ErrorAlert,
    FormCard,
    NzAlertModule,
    NzCardModule,
    CommunityPicker,
    PagedCard,
    DatePipe,
    NzStatisticModule,
    NzTagModule,
    TestModeBanner,
    FenPipe,
    GrantTag,
  ],
  templateUrl: './fund-page.html',
  styleUrls: ['../../shared/page.css', '../../shared/column-page.css', './fund-page.css'],
})
export class FundPage {
  private readonly api = inject(Api);
  protected readonly scopes = inject(UserScopes);
  protected readonly t = inject(I18n).t;

  /** The community shown, in the URL (`?community=<id>`); without one of the user's, the first. */
  protected readonly query = new ListQuery({ community: optionalParam() });
  protected readonly communityId = computed(() =>
    offeredOrFirst(this.query.value().community, this.scopes.staffCommunities()),
  );
  protected readonly summary = signal<FundSummaryDto | null>(null);
  protected readonly projects = signal<FundProjectDto[]>([]);
  /** The donations (a receipt is one's id) and the grants, newest first, a page at a time. */
  protected readonly donations = new PagedSection(
    listOf(
      () => this.communityId(),
      async (communityId, cursor) => {
        const page = await this.api.invoke(fundDonations, { communityId, limit: FUND_PAGE, ...cursor });
        return { ...page, items: page.items.map((d) => ({ ...d, id: d.receiptNo })) };
      },
    ),
    { testId: 'fund-donations', moreTestId: 'fund-donations-more' },
  );
  protected readonly grants = new PagedSection(
    listOf(
      () => this.communityId(),
      (communityId, cursor) => this.api.invoke(fundGrants, { communityId, limit: FUND_PAGE, ...cursor }),
    ),
    { testId: 'fund-grants', moreTestId: 'fund-grants-more' },
  );
  /** Reading the summary and the projects: busy, and why it failed. */
  protected readonly loader = action();

  protected readonly form = inject(NonNullableFormBuilder).group({
    projectId: [null as string | null, [Validators.required]],
    amount: ['', [Validators.required, yuanValidator]],
    purpose: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(2000)]],
  });
  protected readonly fields: readonly Field[] = [
    {
      name: 'projectId',
      id: 'grant-project',
      label: 'fund.propose.project',
      kind: 'select',
      options: () =>
        this.projects().map((p) => ({ value: p.id, label: `${p.title} · ${p.organizationName}` })),
      placeholder: () => this.t(this.projects().length ? 'form.choose' : 'fund.propose.noProjects'),
      required: true,
      rule: 'form.required',
      testId: 'grant-project',
    },
    {
      name: 'amount',
      id: 'grant-amount',
      label: 'fund.propose.amount',
      kind: 'money',
      required: true,
      rule: 'fund.propose.amountRule',
      testId: 'grant-amount',
    },
    {
      name: 'purpose',
      id: 'grant-purpose',
      label: 'fund.propose.purpose',
      kind: 'textarea',
      required: true,
      rule: 'fund.propose.purposeRule',
      testId: 'grant-purpose',
    },
  ];
  protected readonly proposing = action();

  constructor() {
    reloadOn(this.communityId, (id) => this.load(id));
  }

  /** The fund's summary and its projects (each list reads its first page itself). */
  protected async load(communityId: string | null): Promise<void> {
    if (!communityId) return;
    await this.loader.run(async () => {
      const [summary, projects] = await Promise.all([
        this.api.invoke(fundSummary, { communityId }),
        this.api.invoke(fundProjects, { communityId }),
      ]);
      if (communityId !== this.communityId()) return;
      this.summary.set(summary);
      this.projects.set(projects);
    });
  }

  protected async propose(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.form)) return;
    const { projectId, amount, purpose } = this.form.getRawValue();
    await this.proposing.run(
      async () => {
        await this.api.invoke(fundProposeGrant, {
          communityId,
          body: {
            projectId: projectId as string,
            amountFen: yuanToFen(amount) ?? 0,
            purpose: purpose.trim(),
          },
        });
        this.form.reset({ projectId: null, amount: '', purpose: '' });
        await Promise.all([this.load(communityId), this.donations.reload(), this.grants.reload()]);
      },
      { success: 'fund.propose.sent' },
    );
  }
}
