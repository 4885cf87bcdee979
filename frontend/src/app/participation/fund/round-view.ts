import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { Api } from '../../api/api';
import { participatoryAward } from '../../api/fn/participatory-fund/participatory-award';
import { participatoryCount } from '../../api/fn/participatory-fund/participatory-count';
import { participatoryEligibility } from '../../api/fn/participatory-fund/participatory-eligibility';
import { participatoryGet } from '../../api/fn/participatory-fund/participatory-get';
import { participatorySubmit } from '../../api/fn/participatory-fund/participatory-submit';
import { participatorySubmittable } from '../../api/fn/participatory-fund/participatory-submittable';
import { participatoryVote } from '../../api/fn/participatory-fund/participatory-vote';
import type { RoundDto, SubmissionDto, SubmissionEligibility, SubmittableProjectDto } from '../../api/models';
import { AdminScopes } from '../../organizations/admin-scope';
import { GrantTag } from '../../fund/grant-tag';
import { BackLink } from '../../shared/back-link';
import { I18n } from '../../i18n/i18n.service';
import { reloadOn } from '../../shared/list-query';
import { routeParam } from '../../shared/route-param';
import { touchAll } from '../../shared/server-errors';
import { Decision, DecisionRow } from '../../shared/decision';
import { FormCard } from '../../shared/form-card';
import type { Field } from '../../shared/form-fields';
import { titleControl, titleField } from '../participation-fields';
import { formatFen, yuanToFen, yuanValidator } from '../../shared/money';
import { FenPipe } from '../../shared/fen-pipe';
import { ballotOk, chosenFen, ELIGIBILITY_COLORS, onBallot } from './participatory-logic';
import { RoundTags } from './round-tags';
import { ErrorAlert } from '../../shared/error-alert';
import { action } from '../../shared/run-action';

/**
 * The public page of a participatory fund round, phone first: its submissions with their
 * eligibility, the approvals and winners once counted, and each winner's grant. Org admins submit
 * during the submission period, staff decide eligibility, count and award, residents vote once.
 */
@Component({
  selector: 'app-round-view',
  imports: [
    BackLink,
    RoundTags,
    ErrorAlert,
    DecisionRow,
    FormCard,
    DatePipe,
    FenPipe,
    GrantTag,
    NzButtonModule,
    NzCardModule,
    NzTagModule,
  ],
  templateUrl: './round-view.html',
  styleUrls: ['../../shared/page.css', '../participation.css'],
})
export class RoundView {
  private readonly api = inject(Api);
  private readonly organizations = inject(AdminScopes);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly t = inject(I18n).t;
  protected readonly eligibilityColors = ELIGIBILITY_COLORS;
  private readonly id = routeParam('id');

  protected readonly round = signal<RoundDto | null>(null);
  /** The round's steps (vote, decide, count, award), one at a time; a failure shows above the round. */
  protected readonly steps = action();
  /** A submission; its failure shows in its form card. */
  private readonly submitRun = action();
  /** Busy while a step or a submission runs. */
  protected readonly busy = computed(() => this.steps.busy() || this.submitRun.busy());
  protected readonly error = this.steps.error;
  private readonly isOrgAdmin = computed(() => this.organizations.all().length > 0);
  protected readonly canSubmit = computed(
    () => this.isOrgAdmin() && this.round()?.status === 'open' && this.round()?.phase === 'submissions',
  );
  protected readonly canDecide = computed(() => {
    const r = this.round();
    return !!r?.canManage && r.status === 'open' && (r.phase === 'submissions' || r.phase === 'review');
  });
  protected readonly ballot = computed(() => {
    const r = this.round();
    return r ? onBallot(r) : [];
  });

  /** The submissions the resident is approving. */
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly chosenFen = computed(() => {
    const r = this.round();
    return r ? chosenFen(r, this.chosen()) : 0;
  });
  protected readonly ballotOk = computed(() => {
    const r = this.round();
    return !!r && ballotOk(r, this.chosen());
  });

  protected readonly projects = signal<SubmittableProjectDto[]>([]);
  protected readonly submission = this.fb.group({
    projectId: this.fb.control<string | null>(null, Validators.required),
    title: titleControl(),
    description: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(4000)]],
    amount: ['', [Validators.required, yuanValidator]],
  });
  protected readonly submissionFields = computed<Field[]>(() => [
    {
      name: 'projectId',
      label: 'pb.project',
      id: 'pb-project',
      testId: 'pb-submit-project',
      kind: 'select',
      required: true,
      rule: 'form.required',
      help: 'pb.projectHint',
      placeholder: () => (this.projects().length ? this.t('form.choose') : this.t('pb.noProjects')),
      options: () =>
        this.projects().map((p) => ({ value: p.id, label: `${p.title} · ${p.organizationName}` })),
    },
    titleField('pb-sub-title', 'pb-submit-title'),
    {
      name: 'description',
      label: 'pb.description',
      id: 'pb-sub-description',
      testId: 'pb-submit-description',
      kind: 'textarea',
      required: true,
      rule: 'participation.questionRule',
    },
    {
      name: 'amount',
      label: () => this.t('pb.amountYuan', { cap: formatFen(this.round()?.capFen ?? 0) }),
      id: 'pb-sub-amount',
      testId: 'pb-submit-amount',
      kind: 'decimal',
      required: true,
      rule: 'pb.amountRule',
    },
  ]);
  /** The submission's busy state and failure, as its form card shows them. */
  protected readonly submitting = { busy: this.busy, error: this.submitRun.error.asReadonly() };

  /** Marking a submission eligible, or ineligible with a reason; the calls run through `act`. */
  protected readonly eligibility = new Decision({
    kind: 'eligibility',
    testId: 'pb-mark-ineligible',
    refuse: 'pb.markIneligible',
    reason: 'pb.reason',
    approve: { label: 'pb.markEligible', testId: 'pb-mark-eligible' },
    busy: () => this.busy(),
  });

  constructor() {
    reloadOn(this.id, (id) => this.load(id));
    reloadOn(this.canSubmit, (can) => can && this.loadProjects());
  }

  private async load(id: string | null): Promise<void> {
    if (!id) return;
    this.error.set(null);
    try {
      this.round.set(await this.api.invoke(participatoryGet, { id }));
    } catch (err) {
      this.steps.fail(err);
    }
  }

  private async loadProjects(): Promise<void> {
    const id = this.round()?.id;
    if (!id) return;
    try {
      this.projects.set(await this.api.invoke(participatorySubmittable, { id }));
    } catch (err) {
      this.submitRun.fail(err);
    }
  }

  protected eligibilityLabel(e: SubmissionEligibility): string {
    return this.t(`pb.eligibility.${e}`);
  }

  protected toggle(s: SubmissionDto, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(s.id);
    else next.delete(s.id);
    this.chosen.set(next);
  }

  /** Runs an action that answers the round, showing it or the failure. */
  protected async act(step: () => Promise<RoundDto>, runner = this.steps): Promise<boolean> {
    const done = await runner.run(step);
    if (done) this.round.set(done.value);
    return !!done;
  }

  protected async submit(): Promise<void> {
    const r = this.round();
    if (!r || !touchAll(this.submission)) return;
    const v = this.submission.getRawValue();
    const done = await this.act(
      () =>
        this.api.invoke(participatorySubmit, {
          id: r.id,
          body: {
            projectId: v.projectId!,
            title: v.title.trim(),
            description: v.description.trim(),
            amountFen: yuanToFen(v.amount) ?? 0,
          },
        }),
      this.submitRun,
    );
    if (done) this.submission.reset();
  }

  protected async decide(s: SubmissionDto, eligible: boolean): Promise<void> {
    const reason = eligible ? null : this.eligibility.reason();
    if (!eligible && reason === null) return;
    const done = await this.act(() =>
      this.api.invoke(participatoryEligibility, {
        id: s.id,
        body: reason === null ? { eligible } : { eligible, reason },
      }),
    );
    if (done) this.eligibility.close();
  }

  protected async vote(): Promise<void> {
    const r = this.round();
    if (!r || !this.ballotOk()) return;
    const done = await this.act(() =>
      this.api.invoke(participatoryVote, { id: r.id, body: { submissionIds: [...this.chosen()] } }),
    );
    if (done) this.chosen.set(new Set());
  }

  /** The manager's next step once voting has closed: count the votes, then award the winners. */
  protected readonly closingStep = computed(() => {
    const r = this.round();
    if (!r?.canManage) return null;
    if (r.status === 'open' && r.phase === 'closed')
      return {
        label: 'pb.count',
        testId: 'pb-count',
        run: () => this.api.invoke(participatoryCount, { id: r.id }),
      } as const;
    if (r.status === 'counted')
      return {
        label: 'pb.award',
        testId: 'pb-award',
        run: () => this.api.invoke(participatoryAward, { id: r.id, body: {} }),
      } as const;
    return null;
  });
}
