import { DatePipe } from '@angular/common';
import { Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDividerModule } from 'ng-zorro-antd/divider';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { organizationsChangeStatus } from '../../api/fn/organizations/organizations-change-status';
import { organizationsDecideObjection } from '../../api/fn/organizations/organizations-decide-objection';
import { organizationsGet } from '../../api/fn/organizations/organizations-get';
import { organizationsSetCredit } from '../../api/fn/organizations/organizations-set-credit';
import { organizationsSetGrade } from '../../api/fn/organizations/organizations-set-grade';
import type {
  CreditStatus,
  Grade,
  ObjectionViewDto,
  OrganizationDto,
  OrganizationStatusAction,
} from '../../api/models';
import { CREDIT_STATUS } from '../../api/models/credit-status-array';
import { GRADE } from '../../api/models/grade-array';
import { I18n } from '../../i18n/i18n.service';
import { today } from '../../shared/dates';
import { type DateField, DateFields } from '../../shared/date-fields';
import { Labels, STATUS_COLORS } from '../../shared/labels';
import { ReferenceData } from '../../shared/reference-data';
import { DocumentList } from '../documents/document-list';
import { OrgRecord } from '../org-record';
import { touchAll } from '../../shared/server-errors';
import { FormActions } from '../../shared/form-actions';
import { type Field, FormFields } from '../../shared/form-fields';
import type { I18nKey } from '../../i18n/zh-CN';
import { DANGEROUS_ACTIONS, allowedActions } from './status-actions';
import { ifMatch } from '../../shared/etag';
import { reloadOn } from '../../shared/list-query';
import { DecisionButtons } from '../../shared/decision-buttons';
import { action } from '../../shared/run-action';

const REASON = [Validators.required, Validators.minLength(2), Validators.maxLength(500)];

/** The officer's reason for a decision: `id` is its input's id (and, after "review-", its test id). */
const reasonField = (id: string, testId?: string, kind: Field['kind'] = 'textarea'): Field => ({
  name: 'reason',
  id,
  label: 'review.reason',
  required: true,
  rule: 'review.reasonRule',
  kind,
  rows: 2,
  testId,
});

/** The private file of one organization as its street office reviews it, with the officer's actions. */
@Component({
  selector: 'app-organization-file',
  imports: [
    DecisionButtons,
    DatePipe,
    ReactiveFormsModule,
    NzTagModule,
    NzButtonModule,
    NzFormModule,
    FormActions,
    FormFields,
    DateFields,
    NzAlertModule,
    NzDividerModule,
    NzSkeletonModule,
    DocumentList,
    OrgRecord,
  ],
  templateUrl: './organization-file.html',
  styleUrl: './organization-file.css',
})
export class OrganizationFile {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly dangerous = DANGEROUS_ACTIONS;

  readonly organizationId = input.required<string>();
  /** Emits the organization after each change, so the queue can move it to its new tab. */
  readonly changed = output<OrganizationDto>();

  protected readonly org = signal<OrganizationDto | null>(null);
  /** Reading the file: its failure stands above it. */
  protected readonly loader = action();
  /** The officer's decisions, keyed by what is decided; a refusal in a toast. */
  protected readonly deciding = action();
  protected readonly actions = computed(() => {
    const org = this.org();
    return org ? allowedActions(org.status) : [];
  });
  protected readonly pendingObjections = computed(
    () => this.org()?.objections.filter((o) => o.status === 'pending') ?? [],
  );

  private readonly fb = inject(NonNullableFormBuilder);
  /** The status action the officer picked and must now give a reason for. */
  protected readonly action = signal<OrganizationStatusAction | null>(null);
  protected readonly statusForm = this.fb.group({ reason: ['', REASON] });
  protected readonly gradeForm = this.fb.group({
    grade: this.fb.control<Grade | 'none'>('none'),
    expiresOn: this.fb.control({ value: '', disabled: true }, Validators.required),
    reason: ['', REASON],
  });
  protected readonly creditForm = this.fb.group({
    status: this.fb.control<CreditStatus>('normal'),
    since: this.fb.control(today(), Validators.required),
    reason: ['', REASON],
  });
  /** Whether a grade is chosen: its expiry is then required. */
  private readonly graded = signal(false);
  protected readonly objectionForm = this.fb.group({ reason: ['', REASON] });
  protected readonly statusReason = [reasonField('status-reason', 'review-reason')];
  protected readonly objectionReason = [reasonField('objection-decision')];

  /** The grade and the credit status, each set with its form. */
  protected readonly verdicts = [
    {
      key: 'grade',
      title: 'review.grade' as I18nKey,
      submitLabel: 'review.setGrade' as I18nKey,
      form: this.gradeForm,
      choice: {
        name: 'grade',
        id: 'grade-value',
        label: 'org.grade',
        kind: 'select',
        options: computed(() => [
          { value: 'none', label: this.t('grade.none') },
          ...GRADE.map((g) => ({ value: g, label: g })),
        ]),
        testId: 'review-grade-value',
      } satisfies Field,
      // Required, and asked, only with a grade.
      date: computed((): DateField => ({
        name: 'expiresOn',
        id: 'grade-expires',
        label: 'grade.expiresOn',
        required: this.graded(),
        rule: 'form.required',
        testId: 'review-grade-expires',
      })),
      reason: reasonField('grade-reason', 'review-grade-reason', 'text'),
      submit: () => this.setGrade(),
    },
    {
      key: 'credit',
      title: 'review.credit' as I18nKey,
      submitLabel: 'review.setCredit' as I18nKey,
      form: this.creditForm,
      choice: {
        name: 'status',
        id: 'credit-status',
        label: 'org.creditStatus',
        kind: 'select',
        options: computed(() => CREDIT_STATUS.map((s) => ({ value: s, label: this.label.credit(s) }))),
        testId: 'review-credit-status',
      } satisfies Field,
      date: computed((): DateField => ({
        name: 'since',
        id: 'credit-since',
        label: 'credit.sinceLabel',
        required: true,
        rule: 'form.required',
        testId: 'review-credit-since',
      })),
      reason: reasonField('credit-reason', 'review-credit-reason', 'text'),
      submit: () => this.setCredit(),
    },
  ];

  constructor() {
    this.ref.load().catch(() => undefined);
    reloadOn(this.organizationId, (id) => this.load(id));
    // An expiry date is required with a grade and meaningless without one.
    this.gradeForm.controls.grade.valueChanges.subscribe((grade) => {
      const expires = this.gradeForm.controls.expiresOn;
      this.graded.set(grade !== 'none');
      if (grade === 'none') {
        expires.reset('');
        expires.disable({ emitEvent: false });
      } else {
        expires.enable({ emitEvent: false });
      }
    });
  }

  private async load(id: string): Promise<void> {
    this.org.set(null);
    this.action.set(null);
    await this.loader.run(async () => {
      const org = await this.api.invoke(organizationsGet, { id });
      if (id === this.organizationId()) this.show(org);
    });
  }

  private show(org: OrganizationDto): void {
    this.org.set(org);
    this.gradeForm.reset({
      grade: org.gradeValid && org.grade ? (org.grade as Grade) : 'none',
      expiresOn: org.gradeValid && org.gradeExpiresOn ? org.gradeExpiresOn : '',
      reason: '',
    });
    this.creditForm.reset({ status: org.creditStatus, since: today(), reason: '' });
  }

  protected pick(action: OrganizationStatusAction): void {
    this.action.set(action);
    this.statusForm.reset();
  }

  protected async changeStatus(): Promise<void> {
    const org = this.org();
    const action = this.action();
    if (!org || !action || !touchAll(this.statusForm)) return;
    const reason = this.statusForm.getRawValue().reason.trim();
    await this.run('status', () =>
      this.api.invoke(organizationsChangeStatus, { id: org.id, body: { action, reason } }),
    );
  }

  protected async setGrade(): Promise<void> {
    const org = this.org();
    if (!org || !touchAll(this.gradeForm)) return;
    const { grade, expiresOn, reason } = this.gradeForm.getRawValue();
    const body =
      grade === 'none' ? { grade: null, reason: reason.trim() } : { grade, expiresOn, reason: reason.trim() };
    await this.run('grade', () =>
      this.api.invoke(organizationsSetGrade, { id: org.id, 'If-Match': ifMatch(org.version), body }),
    );
  }

  protected async setCredit(): Promise<void> {
    const org = this.org();
    if (!org || !touchAll(this.creditForm)) return;
    const { status, since, reason } = this.creditForm.getRawValue();
    await this.run('credit', () =>
      this.api.invoke(organizationsSetCredit, {
        id: org.id,
        'If-Match': ifMatch(org.version),
        body: { status, since, reason: reason.trim() },
      }),
    );
  }

  protected async decide(objection: ObjectionViewDto, uphold: boolean): Promise<void> {
    const org = this.org();
    if (!org || !touchAll(this.objectionForm)) return;
    const reason = this.objectionForm.getRawValue().reason.trim();
    await this.run(`objection-${objection.id}`, async () => {
      await this.api.invoke(organizationsDecideObjection, {
        objectionId: objection.id,
        body: { uphold, reason },
      });
      // Upholding restores normal credit: reload the whole file.
      return this.api.invoke(organizationsGet, { id: org.id });
    });
  }

  /** Runs one officer action that answers the updated organization. */
  private async run(what: string, call: () => Promise<OrganizationDto>): Promise<void> {
    const done = await this.deciding.run(call, { key: what, toast: true, success: 'review.done' });
    if (!done) return;
    this.show(done.value);
    this.action.set(null);
    this.statusForm.reset();
    this.objectionForm.reset();
    this.changed.emit(done.value);
  }
}
