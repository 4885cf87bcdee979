import { DatePipe } from '@angular/common';
import {
  Component,
  DestroyRef,
  InjectionToken,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { disbursementsOfOrganization } from '../../api/fn/disbursements/disbursements-of-organization';
import { disbursementsRequest } from '../../api/fn/disbursements/disbursements-request';
import { paymentsOnboarding } from '../../api/fn/payments/payments-onboarding';
import { paymentsStripeAccount } from '../../api/fn/payments/payments-stripe-account';
import { projectsMine } from '../../api/fn/projects/projects-mine';
import { projectsProgress } from '../../api/fn/projects/projects-progress';
import type {
  MilestoneProgressDto,
  PayoutMethod,
  ProjectSummaryDto,
  StripeAccountDto,
} from '../../api/models';
import { BusyButton } from '../../shared/busy-button';
import { I18n } from '../../i18n/i18n.service';
import { AdminScopePicker } from '../../organizations/admin-scope-picker';
import { AdminScopes } from '../../organizations/admin-scope';
import { touchAll } from '../../shared/server-errors';
import { failureText } from '../../shared/api-error';
import { MoneyLabels } from '../labels';
import { NAVIGATE_AWAY, PaymentsMode, TestModeBanner } from '../../shared/payments-mode';
import { StepTrail } from '../step-trail';
import { AttachmentUpload, type AttachmentState } from '../../shared/attachments/attachment-upload';
import { PHASE_COLORS, STATUS_COLORS, milestoneChoices, phaseOf } from '../steps';
import { FormCard } from '../../shared/form-card';
import { type Field, FormFields } from '../../shared/form-fields';
import { FormRow } from '../../shared/form-row';
import { action } from '../../shared/run-action';
import { ListFilters } from '../../shared/list-filters';
import { ListQuery, textParam } from '../../shared/list-query';
import { SearchSort } from '../../shared/search-sort';
import { LoadMore } from '../../shared/load-more';
import { listOf, loadEach, loadMore } from '../../shared/list-of';
import { ErrorAlert } from '../../shared/error-alert';
import { FenPipe } from '../../shared/fen-pipe';

/**
 * How often the page reads again while Stripe has something pending (the onboarding just finished,
 * a transfer is on its way), and how many times at most; null turns it off (tests).
 */
export const PAYOUT_POLL = new InjectionToken<{ everyMs: number; times: number } | null>('PAYOUT_POLL', {
  factory: () => ({ everyMs: 3000, times: 40 }),
});

/** Stripe Connect's state for the organization, as the page words it. */
export type ConnectState = 'none' | 'incomplete' | 'enabled';

export function connectState(account: StripeAccountDto | null): ConnectState {
  if (!account?.accountId) return 'none';
  return account.payoutsEnabled ? 'enabled' : 'incomplete';
}

const DELIVERABLES_MIN = 5;
const DELIVERABLES_MAX = 4000;

/**
 * 收款与拨付 for an organization's admin: its Stripe Connect account (onboarding at Stripe, back here
 * after), its milestone payment requests with where each stands, and the form to request the
 * payment of a milestone whose acceptance rule holds.
 */
/** Disbursements per page (the most the API gives at once). */
const PAYOUTS_PAGE = 100;

@Component({
  selector: 'app-payouts',
  imports: [
    BusyButton,
    ErrorAlert,
    FormCard,
    FormFields,
    FormRow,
    ListFilters,
    LoadMore,
    DatePipe,
    FormsModule,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzRadioModule,
    NzTagModule,
    AdminScopePicker,
    AttachmentUpload,
    StepTrail,
    TestModeBanner,
    FenPipe,
  ],
  templateUrl: './payouts.html',
  styleUrls: ['../../shared/page.css', '../../shared/column-page.css', '../money-facts.css', './payouts.css'],
})
export class Payouts {
  private readonly api = inject(Api);
  private readonly navigateAway = inject(NAVIGATE_AWAY);
  private readonly poll = inject(PAYOUT_POLL);
  protected readonly scopes = inject(AdminScopes);
  protected readonly payments = inject(PaymentsMode);
  protected readonly label = inject(MoneyLabels);
  protected readonly t = inject(I18n).t;
  protected readonly phaseOf = phaseOf;
  protected readonly phaseColors = PHASE_COLORS;
  protected readonly statusColors = STATUS_COLORS;

  /** Query parameters Stripe's onboarding comes back with (`?organization=…&stripe=return|refresh`). */
  readonly organization = input<string>();
  readonly stripe = input<string>();

  protected readonly account = signal<StripeAccountDto | null>(null);
  protected readonly state = computed(() => connectState(this.account()));
  /** The organization's payments, newest first, a page at a time (the request form goes by them too). */
  private readonly payouts = listOf(this.scopes.selectedId, (id, cursor) =>
    this.api.invoke(disbursementsOfOrganization, { id, limit: PAYOUTS_PAGE, ...cursor }),
  );
  protected readonly disbursements = computed(() => this.payouts().items());
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  /**
   * The search over the organization's payments, kept in the URL. While it is set the list shows
   * what it finds; the request form keeps going by the unsearched list.
   */
  private readonly query = new ListQuery({ q: textParam() });
  protected readonly q = computed(() => this.query.value().q);
  protected readonly filters = new SearchSort(this.query, {
    name: 'payouts',
    words: 'money.payouts',
  });
  protected readonly found = listOf(
    computed(() => ({ id: this.scopes.selectedId(), q: this.q() })),
    ({ id, q }, { cursor }) =>
      id && q
        ? this.api.invoke(disbursementsOfOrganization, {
            id,
            q,
            limit: PAYOUTS_PAGE,
            ...(cursor ? { cursor } : {}),
          })
        : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly finder = action();
  /** The list shown: what the search finds while one is set, else the organization's payments. */
  protected readonly shownList = computed(() => (this.q() ? this.found() : this.payouts()));
  protected readonly shown = computed(() => this.shownList().items());

  /** Going to Stripe's onboarding: busy, and why it was refused. */
  protected readonly onboarding = action();

  private readonly allProjects = signal<ProjectSummaryDto[]>([]);
  protected readonly projects = computed(() =>
    this.allProjects().filter((p) => p.organizationId === this.scopes.selectedId()),
  );
  protected readonly milestones = signal<MilestoneProgressDto[]>([]);
  protected readonly choices = computed(() => milestoneChoices(this.milestones(), this.disbursements()));
  protected readonly stripeAvailable = computed(() => this.payments.mode()?.stripe !== 'off');

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    projectId: ['', Validators.required],
    milestoneId: ['', Validators.required],
    deliverables: [
      '',
      [Validators.required, Validators.minLength(DELIVERABLES_MIN), Validators.maxLength(DELIVERABLES_MAX)],
    ],
    method: ['stripe' as PayoutMethod, Validators.required],
  });
  /** The request's project, and what was delivered (rows around the milestone, which is drawn here). */
  protected readonly projectField: readonly Field[] = [
    {
      name: 'projectId',
      id: 'payout-project',
      label: 'money.payouts.project',
      kind: 'select',
      required: true,
      rule: 'form.required',
      help: () => (this.projects().length ? '' : this.t('money.payouts.noProjects')),
      placeholder: 'form.choose',
      options: () => this.projects().map((p) => ({ value: p.id, label: p.title })),
      testId: 'payouts-project',
    },
  ];
  protected readonly deliverablesField: readonly Field[] = [
    {
      name: 'deliverables',
      id: 'payout-deliverables',
      label: 'money.deliverables',
      kind: 'textarea',
      required: true,
      rule: 'money.payouts.deliverablesRule',
      help: 'money.payouts.deliverablesHelp',
      testId: 'payouts-deliverables',
    },
  ];
  protected readonly projectId = signal('');
  protected readonly method = signal<PayoutMethod>('stripe');
  protected readonly requesting = action();
  /** The deliverable files uploaded for the request: the clean ones are attached to it. */
  protected readonly files = signal<AttachmentState>({ documentIds: [], busy: false });
  protected readonly filesError = signal<string | null>(null);
  private readonly upload = viewChild(AttachmentUpload);
  private readonly milestoneId = signal('');
  /** How many deliverable files the chosen milestone's acceptance rule asks for. */
  protected readonly requiredFiles = computed(
    () => this.milestones().find((m) => m.milestoneId === this.milestoneId())?.minDeliverables ?? 0,
  );

  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private polls = 0;

  constructor() {
    void this.payments.load();
    void this.loadProjects();
    // Back from Stripe for one of the user's organizations: show that one.
    effect(() => {
      const id = this.organization();
      if (id && this.scopes.all().some((s) => s.id === id)) untracked(() => this.scopes.selectedId.set(id));
    });
    effect(() => {
      const id = this.scopes.selectedId();
      untracked(() => {
        this.polls = 0;
        this.form.reset({ method: this.method() });
        this.projectId.set('');
        void this.load(id);
      });
    });
    effect(() => {
      const projectId = this.projectId();
      untracked(() => void this.loadMilestones(projectId));
    });
    this.form.controls.projectId.valueChanges.subscribe((id) => this.projectId.set(id));
    this.form.controls.method.valueChanges.subscribe((m) => this.method.set(m));
    this.form.controls.milestoneId.valueChanges.subscribe((id) => this.milestoneId.set(id));
    loadEach(() => [this.found()], this.finder);
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  protected async load(organizationId: string | null, quiet = false): Promise<void> {
    if (!quiet) {
      this.account.set(null);
      this.error.set(null);
    }
    if (!organizationId) return;
    this.loading.set(!quiet);
    try {
      const [account] = await Promise.all([
        this.api.invoke(paymentsStripeAccount, { id: organizationId }),
        this.payouts().reload(),
      ]);
      if (organizationId !== this.scopes.selectedId()) return;
      this.account.set(account);
      // Until the admin picks one: Stripe once it can pay out, else the treasury transfer.
      if (!this.form.controls.method.dirty)
        this.form.controls.method.setValue(account.payoutsEnabled ? 'stripe' : 'treasury');
      this.schedulePoll(organizationId);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  /** The next page of the list shown, appended; a failure shows where that list's do. */
  protected more(): Promise<void> {
    if (this.q()) return loadMore(this.found(), this.finder);
    return this.payouts()
      .more()
      .catch((err: unknown) => this.error.set(failureText(err, this.t)));
  }

  private async loadProjects(): Promise<void> {
    try {
      this.allProjects.set(await this.api.invoke(projectsMine));
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  private async loadMilestones(projectId: string): Promise<void> {
    this.milestones.set([]);
    this.form.controls.milestoneId.setValue('');
    if (!projectId) return;
    try {
      const milestones = await this.api.invoke(projectsProgress, { id: projectId });
      if (projectId === this.projectId()) this.milestones.set(milestones);
    } catch (err) {
      this.requesting.error.set(failureText(err, this.t));
    }
  }

  /**
   * Reads again while Stripe owes the page an answer: onboarding just completed (its webhook may
   * still be on the way) or a transfer is on its way to being paid.
   */
  private schedulePoll(organizationId: string): void {
    this.stopPolling();
    const waiting =
      (this.stripe() === 'return' && this.state() === 'incomplete') ||
      this.disbursements().some((d) => d.status === 'approved' && d.method === 'stripe');
    if (!this.poll || !waiting || this.polls >= this.poll.times) return;
    this.polls++;
    this.pollTimer = setTimeout(() => void this.load(organizationId, true), this.poll.everyMs);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  /** Reads the payments again, and what the search finds when one is set. */
  protected refresh(): void {
    this.polls = 0;
    void this.load(this.scopes.selectedId(), true);
    if (this.q()) void this.finder.run(() => this.found().reload());
  }

  /** Creates the Stripe account if needed and goes to Stripe's onboarding; Stripe sends the admin back here. */
  protected async onboard(): Promise<void> {
    const id = this.scopes.selectedId();
    if (!id) return;
    await this.onboarding.run(async () =>
      this.navigateAway((await this.api.invoke(paymentsOnboarding, { id })).url),
    );
  }

  protected async request(): Promise<void> {
    const filesReady = this.checkFiles();
    if (!touchAll(this.form) || !filesReady) return;
    const { milestoneId, deliverables, method } = this.form.getRawValue();
    const documentIds = this.files().documentIds;
    const done = await this.requesting.run(
      () =>
        this.api.invoke(disbursementsRequest, {
          body: {
            milestoneId,
            deliverables: deliverables.trim(),
            method,
            ...(documentIds.length ? { documentIds } : {}),
          },
        }),
      { success: 'money.payouts.requested' },
    );
    if (!done) return;
    this.upload()?.clear();
    this.form.reset({ projectId: this.projectId(), method });
    this.polls = 0;
    await this.load(this.scopes.selectedId(), true);
  }

  /** The files are done uploading and scanning, and as many are clean as the milestone's rule asks. */
  private checkFiles(): boolean {
    const { documentIds, busy } = this.files();
    const needed = this.requiredFiles();
    const problem = busy
      ? this.t('attachments.busy')
      : documentIds.length < needed
        ? this.t('money.payouts.filesMissing', { n: '' + needed })
        : null;
    this.filesError.set(problem);
    return problem === null;
  }
}
