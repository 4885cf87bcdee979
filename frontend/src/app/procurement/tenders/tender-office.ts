import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import {
  evaluationAward,
  evaluationComplaints,
  evaluationContract,
  evaluationDecide,
  evaluationDisqualify,
  tendersAmend,
  tendersCancel,
  tendersPublish,
} from '../../api/functions';
import type { AmendmentDto, ComplaintDto, ResultRowDto, ResultsDto, TenderDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { touchAll } from '../../shared/server-errors';
import { isoDate } from '../../shared/dates';
import { errorCode, failureText } from '../../shared/api-error';
import { numberDetail, publishProblems } from '../errors';
import { formatFen, yuanToFen, yuanValidator } from '../money';
import { COMPLAINT_COLORS, ProcurementLabels } from '../procurement-labels';
import type { OfficerAction } from '../tender-actions';
import { fromLocalInput } from '../datetime';
import { TenderPanel } from './tender-panel';
import { Confirm, provideConfirm } from '../../shared/confirm';
import { cancelConsequence, publishConsequence } from '../confirmations';
import { DateInput } from '../../shared/date-input';

/**
 * The street office's console on its tender: only the steps its status allows (see
 * `tender-actions.ts`). Each step reports back through `changed` so the notice reloads.
 */
@Component({
  selector: 'app-tender-office',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DateInput,
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    TenderPanel,
    NzTagModule,
  ],
  providers: [provideConfirm()],
  templateUrl: './tender-office.html',
  styleUrl: './tender-office.css',
})
export class TenderOffice {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  private readonly confirm = inject(Confirm);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly money = formatFen;
  protected readonly complaintColors = COMPLAINT_COLORS;

  readonly tender = input.required<TenderDto>();
  readonly results = input<ResultsDto | null>(null);
  readonly actions = input.required<readonly OfficerAction[]>();
  readonly changed = output<void>();

  protected readonly can = (action: OfficerAction) => this.actions().includes(action);
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly problems = signal<string[]>([]);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly amend = this.fb.group({
    summary: ['', [Validators.required, Validators.minLength(4), Validators.maxLength(1000)]],
    description: ['', [Validators.minLength(10), Validators.maxLength(10000)]],
    bidDeadline: [''],
    enquiryDeadline: [''],
    budget: ['', [yuanValidator]],
  });
  protected readonly amending = signal(false);

  protected readonly disqualifying = signal<string | null>(null);
  protected readonly disqualifyForm = this.fb.group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(1000)]],
  });

  protected readonly complaints = signal<ComplaintDto[]>([]);
  protected readonly complaintForm = this.fb.group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(4000)]],
  });
  protected readonly deciding = signal<string | null>(null);

  protected readonly contractForm = this.fb.group({
    startsOn: [isoDate(new Date()), Validators.required],
    endsOn: [isoDate(new Date(Date.now() + 364 * 24 * 3600 * 1000)), Validators.required],
  });

  protected readonly cancelling = signal(false);
  protected readonly cancelForm = this.fb.group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(1000)]],
  });

  /** Bids the office may still disqualify: those ranked while evaluating. */
  protected readonly competing = computed<ResultRowDto[]>(() =>
    (this.results()?.ranking ?? []).filter((r) => r.status === 'opened' || r.status === 'qualified'),
  );

  constructor() {
    effect(() => {
      const tender = this.tender();
      const complaints = this.actions().includes('complaints');
      untracked(() => void this.loadComplaints(complaints ? tender.id : null));
    });
  }

  private async loadComplaints(id: string | null): Promise<void> {
    this.complaints.set([]);
    if (!id) return;
    try {
      this.complaints.set(await this.api.invoke(evaluationComplaints, { id }));
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  /**
   * Publishing, once confirmed with its title and budget, answers 400 with every broken rule in
   * `details.problems`: all are listed.
   */
  protected async publish(): Promise<void> {
    if (!(await this.confirm.ask(publishConsequence(this.t, this.tender())))) return;
    this.problems.set([]);
    await this.run('publish', () => this.api.invoke(tendersPublish, { id: this.tender().id }), {
      success: 'procurement.office.published',
      onError: (err) => {
        const problems = publishProblems(err);
        if (problems.length) this.problems.set(problems);
        return problems.length > 0;
      },
    });
  }

  protected async submitAmendment(): Promise<void> {
    if (!touchAll(this.amend)) return;
    const v = this.amend.getRawValue();
    const body: AmendmentDto = { summary: v.summary.trim() };
    if (v.description.trim()) body.description = v.description.trim();
    const bid = fromLocalInput(v.bidDeadline);
    const enquiry = fromLocalInput(v.enquiryDeadline);
    if (bid) body.bidDeadline = bid;
    if (enquiry) body.enquiryDeadline = enquiry;
    const fen = v.budget.trim() ? yuanToFen(v.budget) : null;
    if (fen !== null) body.budgetCeilingFen = fen;
    const done = await this.run(
      'amend',
      () => this.api.invoke(tendersAmend, { id: this.tender().id, body }),
      {
        success: 'procurement.office.amended',
      },
    );
    if (done) {
      this.amend.reset();
      this.amending.set(false);
    }
  }

  protected startDisqualify(row: ResultRowDto): void {
    this.disqualifying.set(row.bidId);
    this.disqualifyForm.reset();
  }

  protected async disqualify(row: ResultRowDto): Promise<void> {
    if (!touchAll(this.disqualifyForm)) return;
    const reason = this.disqualifyForm.getRawValue().reason.trim();
    const done = await this.run(
      `disqualify-${row.bidId}`,
      () => this.api.invoke(evaluationDisqualify, { id: row.bidId, body: { reason } }),
      { success: 'procurement.office.disqualified' },
    );
    if (done) this.disqualifying.set(null);
  }

  /** A refused award names how many score sheets are missing. */
  protected award(): Promise<boolean> {
    return this.run('award', () => this.api.invoke(evaluationAward, { id: this.tender().id }), {
      success: 'procurement.office.awarded',
      onError: (err) => {
        const missing = numberDetail(err, 'missing');
        if (missing === null) return false;
        this.error.set(this.t('procurement.office.missingScores', { n: String(missing) }));
        return true;
      },
    });
  }

  protected startDecision(complaint: ComplaintDto): void {
    this.deciding.set(complaint.id);
    this.complaintForm.reset();
  }

  protected async decide(complaint: ComplaintDto, uphold: boolean): Promise<void> {
    if (!touchAll(this.complaintForm)) return;
    const reason = this.complaintForm.getRawValue().reason.trim();
    const done = await this.run(
      `complaint-${complaint.id}`,
      () => this.api.invoke(evaluationDecide, { id: complaint.id, body: { uphold, reason } }),
      { success: 'procurement.office.decided' },
    );
    if (done) this.deciding.set(null);
  }

  /** The contract commits its amount against the street's budget; 422 says how much is left. */
  protected createContract(): Promise<boolean> {
    if (!touchAll(this.contractForm)) return Promise.resolve(false);
    const { startsOn, endsOn } = this.contractForm.getRawValue();
    return this.run(
      'contract',
      () => this.api.invoke(evaluationContract, { id: this.tender().id, body: { startsOn, endsOn } }),
      {
        success: 'procurement.office.contracted',
        onError: (err) => {
          if (errorCode(err) !== 'budget.insufficient') return false;
          const available = numberDetail(err, 'availableFen');
          this.error.set(
            this.t('procurement.office.budgetShort', {
              available: available === null ? '—' : formatFen(available),
              message: failureText(err, this.t),
            }),
          );
          return true;
        },
      },
    );
  }

  protected async cancel(): Promise<void> {
    if (!touchAll(this.cancelForm)) return;
    const reason = this.cancelForm.getRawValue().reason.trim();
    if (!(await this.confirm.ask(cancelConsequence(this.t, this.tender(), reason)))) return;
    const done = await this.run(
      'cancel',
      () => this.api.invoke(tendersCancel, { id: this.tender().id, body: { reason } }),
      {
        success: 'procurement.office.cancelled',
      },
    );
    if (done) this.cancelling.set(false);
  }

  /** Runs one step: busy flag, error shown (or handled by `onError`), success message, `changed`. */
  private async run(
    key: string,
    call: () => Promise<unknown>,
    options: { success: I18nKey; onError?: (err: unknown) => boolean },
  ): Promise<boolean> {
    this.busy.set(key);
    this.error.set(null);
    try {
      await call();
      this.message.success(this.t(options.success));
      this.changed.emit();
      return true;
    } catch (err) {
      if (!options.onError?.(err)) this.error.set(failureText(err, this.t));
      return false;
    } finally {
      this.busy.set(null);
    }
  }
}
