import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { fundDonations, fundGrants, fundProjects, fundProposeGrant, fundSummary } from '../../api/functions';
import type { DisbursementDto, FundDonationDto, FundProjectDto, FundSummaryDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { failureText } from '../../shared/api-error';
import { formatFen, yuanToFen, yuanValidator } from '../../procurement/money';
import { ProcurementScopes, type Scope } from '../../procurement/scopes';
import { GRANT_COLORS } from '../fund-logic';
import { TestModeBanner } from '../../shared/payments-mode';
import { FormRow } from '../../shared/form-row';
import { action } from '../../shared/run-action';

/**
 * 社区发展基金 for community staff: the fund's balance, the donations with their receipts, the grants
 * and their approvals, and "propose a grant" to a project serving the community.
 */
/** Donations and grants per page. */
const FUND_PAGE = 50;

@Component({
  selector: 'app-fund-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormRow,
    DatePipe,
    FormsModule,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzStatisticModule,
    NzTagModule,
    TestModeBanner,
  ],
  templateUrl: './fund-page.html',
  styleUrls: ['../../shared/page.css', './fund-page.css'],
})
export class FundPage {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  protected readonly scopes = inject(ProcurementScopes);
  protected readonly t = inject(I18n).t;
  protected readonly money = formatFen;
  protected readonly colors = GRANT_COLORS;

  protected readonly communityId = linkedSignal<Scope[], string | null>({
    source: this.scopes.staffCommunities,
    computation: (all, previous) => all.find((c) => c.id === previous?.value)?.id ?? all[0]?.id ?? null,
  });
  protected readonly summary = signal<FundSummaryDto | null>(null);
  protected readonly donations = signal<FundDonationDto[]>([]);
  protected readonly grants = signal<DisbursementDto[]>([]);
  protected readonly projects = signal<FundProjectDto[]>([]);
  /** The next (older) page of each list, if there is one. */
  protected readonly more = signal<{ donations: string | null; grants: string | null }>({
    donations: null,
    grants: null,
  });
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    projectId: [null as string | null, [Validators.required]],
    amount: ['', [Validators.required, yuanValidator]],
    purpose: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(2000)]],
  });
  protected readonly proposing = action();

  constructor() {
    effect(() => {
      const id = this.communityId();
      untracked(() => void this.load(id));
    });
  }

  /** The next page of the donations or the grants, appended below. */
  protected async loadMore(list: 'donations' | 'grants'): Promise<void> {
    const communityId = this.communityId();
    const cursor = this.more()[list];
    if (!communityId || !cursor) return;
    try {
      if (list === 'donations') {
        const page = await this.api.invoke(fundDonations, { communityId, limit: FUND_PAGE, cursor });
        this.donations.update((shown) => [...shown, ...page.items]);
        this.more.update((more) => ({ ...more, donations: page.nextCursor }));
      } else {
        const page = await this.api.invoke(fundGrants, { communityId, limit: FUND_PAGE, cursor });
        this.grants.update((shown) => [...shown, ...page.items]);
        this.more.update((more) => ({ ...more, grants: page.nextCursor }));
      }
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  protected async load(communityId: string | null): Promise<void> {
    this.error.set(null);
    if (!communityId) return;
    this.loading.set(true);
    try {
      const [summary, donations, grants, projects] = await Promise.all([
        this.api.invoke(fundSummary, { communityId }),
        this.api.invoke(fundDonations, { communityId, limit: FUND_PAGE }),
        this.api.invoke(fundGrants, { communityId, limit: FUND_PAGE }),
        this.api.invoke(fundProjects, { communityId }),
      ]);
      if (communityId !== this.communityId()) return;
      this.summary.set(summary);
      this.donations.set(donations.items);
      this.grants.set(grants.items);
      this.more.set({ donations: donations.nextCursor, grants: grants.nextCursor });
      this.projects.set(projects);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected async propose(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.form)) return;
    const { projectId, amount, purpose } = this.form.getRawValue();
    await this.proposing.run(async () => {
      await this.api.invoke(fundProposeGrant, {
        communityId,
        body: { projectId: projectId as string, amountFen: yuanToFen(amount) ?? 0, purpose: purpose.trim() },
      });
      this.form.reset({ projectId: null, amount: '', purpose: '' });
      this.message.success(this.t('fund.propose.sent'));
      await this.load(communityId);
    });
  }

  protected status(g: DisbursementDto): string {
    return this.t(`fund.status.${g.status}`);
  }
}
