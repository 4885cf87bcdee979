import { Location } from '@angular/common';
import { Component, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { NzSelectModule } from 'ng-zorro-antd/select';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  from,
  map,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { Api } from '../../api/api';
import { allPages } from '../../shared/pages';
import { directorySearch } from '../../api/fn/directory/directory-search';
import { needsBoard } from '../../api/fn/needs/needs-board';
import { tendersAttachDocuments } from '../../api/fn/tenders/tenders-attach-documents';
import { tendersCreate } from '../../api/fn/tenders/tenders-create';
import { tendersGet } from '../../api/fn/tenders/tenders-get';
import { tendersPublish } from '../../api/fn/tenders/tenders-publish';
import { tendersUpdate } from '../../api/fn/tenders/tenders-update';
import type { DirectoryEntryDto, NeedDto, TenderDto } from '../../api/models';
import { GRADE } from '../../api/models/grade-array';
import { PROCUREMENT_METHOD } from '../../api/models/procurement-method-array';
import { BackLink } from '../../shared/back-link';
import { BusyButton } from '../../shared/busy-button';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { ReferenceData } from '../../shared/reference-data';
import { errorCode } from '../../shared/api-error';
import { action } from '../../shared/run-action';
import { publishProblems } from '../errors';
import { StepErrors } from '../step-errors';
import { bpToPercentText } from '../../shared/money';
import { checkMilestones, checkWeights, type PlanProblem } from '../plan-sums';
import { ProcurementLabels } from '../procurement-labels';
import { UserScopes } from '../../shared/scopes';
import {
  criterionForm,
  milestoneForm,
  milestonePlanOf,
  patchTender,
  tenderForm,
  tenderInput,
  weightsOf,
} from './tender-form';

import { AttachmentList } from '../../shared/attachments/attachment-list';
import { AttachmentUpload, type AttachmentState } from '../../shared/attachments/attachment-upload';
import { Confirm, provideConfirm } from '../../shared/confirm';
import { publishConsequence } from '../confirmations';
import { DateFields, type DateField } from '../../shared/date-fields';
import { FORM_CARDS } from '../../shared/form-cards';
import type { Field } from '../../shared/form-fields';
import { FormRow } from '../../shared/form-row';
import { FormRowList, type RowList, type RowsCheck } from '../../shared/form-row-list';
import { categoryField, kpiFields } from '../kpi-fields';
import { ifMatch } from '../../shared/etag';

/**
 * Creates or edits a draft tender: terms, KPIs, the weights with their technical sub-criteria and
 * the milestone plan, each with a live sum; "publish" sends it to the server, which lists every
 * rule the draft still breaks.
 */
@Component({
  selector: 'app-tender-editor',
  imports: [
    BusyButton,
    BackLink,
    FORM_CARDS,
    DateFields,
    FormRow,
    FormRowList,
    NzSelectModule,
    AttachmentUpload,
    AttachmentList,
    StepErrors,
  ],
  providers: [provideConfirm()],
  templateUrl: './tender-editor.html',
  styleUrl: './tender-editor.css',
})
export class TenderEditor {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly route = inject(ActivatedRoute);
  private readonly confirm = inject(Confirm);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly ref = inject(ReferenceData);
  protected readonly scopes = inject(UserScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;

  protected readonly form = tenderForm(this.fb);
  protected readonly criteria = this.form.controls.criteria;
  protected readonly milestones = this.form.controls.milestones;
  protected readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { initialValue: this.form.getRawValue() },
  );
  protected readonly weightsCheck = computed(() => checkWeights(weightsOf(this.value())));
  protected readonly milestonesCheck = computed(() => checkMilestones(milestonePlanOf(this.value())));
  protected readonly method = computed(() => this.value().method);
  protected readonly single = computed(
    () => this.method() === 'single_source' || this.method() === 'direct_commission',
  );
  protected readonly streetCommunities = computed(() =>
    this.ref.communities().filter((c) => c.parentId === this.value().streetId),
  );

  /** The draft being edited (null while creating). */
  protected readonly tenderId = signal<string | null>(null);
  protected readonly loaded = signal<TenderDto | null>(null);
  /** Tender documents to attach on the next save: clean ones, and whether some are still on their way. */
  protected readonly files = signal<AttachmentState>({ documentIds: [], busy: false });
  private readonly filePicker = viewChild(AttachmentUpload);
  /** The version of the draft as last read or saved, sent back in If-Match so a stale save is refused. */
  private readonly version = signal<number | null>(null);
  /** Saving the draft, then publishing it (keyed 'save' or 'publish'); what went wrong in `error`. */
  protected readonly saving = action();
  protected readonly error = this.saving.error;
  protected readonly problems = signal<string[]>([]);
  protected readonly acceptedNeeds = signal<NeedDto[]>([]);

  protected readonly about: readonly Field[] = [
    {
      name: 'title',
      id: 't-title',
      label: 'procurement.editor.title',
      required: true,
      rule: 'procurement.editor.titleRule',
      testId: 'editor-title',
    },
    {
      name: 'description',
      id: 't-description',
      label: 'procurement.editor.description',
      kind: 'textarea',
      rows: 4,
      required: true,
      rule: 'procurement.editor.descriptionRule',
      testId: 'editor-description',
    },
  ];
  protected readonly category = categoryField(
    this.ref,
    't-category',
    'procurement.tender.category',
    'editor-category',
  );
  /** The terms beside the category. */
  protected readonly terms: readonly Field[] = [
    {
      name: 'streetId',
      id: 't-street',
      label: 'procurement.tender.street',
      kind: 'select',
      options: () => this.scopes.officerStreets().map((s) => ({ value: s.id, label: s.name })),
      placeholder: 'form.choose',
      required: true,
      rule: 'form.required',
      testId: 'editor-street',
    },
    {
      name: 'communityIds',
      id: 't-communities',
      label: 'procurement.tender.communities',
      kind: 'select',
      multiple: true,
      options: () => this.streetCommunities().map((c) => ({ value: c.id, label: c.name })),
      placeholder: 'form.choose',
      required: true,
      rule: 'form.required',
      testId: 'editor-communities',
    },
    {
      name: 'budget',
      id: 't-budget',
      label: 'procurement.editor.ceilingYuan',
      kind: 'money',
      placeholder: () => '500000.00',
      required: true,
      rule: 'procurement.money.rule',
      testId: 'editor-budget',
    },
    {
      name: 'method',
      id: 't-method',
      label: 'procurement.editor.method',
      kind: 'select',
      options: () => PROCUREMENT_METHOD.map((m) => ({ value: m, label: this.label.method(m) })),
      required: true,
      testId: 'editor-method',
    },
    {
      name: 'minGrade',
      id: 't-grade',
      label: 'procurement.tender.minGrade',
      kind: 'select',
      options: () => GRADE.map((g) => ({ value: g, label: g })),
      allowClear: true,
      placeholder: 'grade.none',
    },
  ];
  /** What the method asks for, and the needs the tender answers. */
  protected readonly links: readonly Field[] = [
    {
      name: 'singleSourceJustification',
      id: 't-justification',
      label: 'procurement.editor.justification',
      kind: 'textarea',
      rows: 2,
      required: true,
      testId: 'editor-justification',
      when: () => this.method() === 'single_source',
    },
    {
      name: 'needIds',
      id: 't-needs',
      label: 'procurement.editor.needs',
      kind: 'select',
      multiple: true,
      options: () =>
        this.acceptedNeeds().map((n) => ({ value: n.id, label: `${n.title} · ${n.communityName}` })),
      help: 'procurement.editor.needsHelp',
      testId: 'editor-needs',
      when: () => this.acceptedNeeds().length > 0,
    },
  ];
  protected readonly kpis = kpiFields('t');
  protected readonly weights: readonly Field[] = (['price', 'technical', 'performance'] as const).map(
    (name) => ({
      name,
      id: `w-${name}`,
      label: `procurement.weights.${name}`,
      labelSuffix: ' %',
      kind: 'number',
      min: 0,
      max: 100,
      required: true,
      testId: `editor-weight-${name}`,
    }),
  );
  protected readonly deadlines: readonly DateField[] = [
    {
      name: 'enquiryDeadline',
      id: 't-enquiry',
      label: 'procurement.tender.enquiryDeadline',
      time: true,
      required: true,
      rule: 'form.required',
      testId: 'editor-enquiry-deadline',
    },
    {
      name: 'bidDeadline',
      id: 't-deadline',
      label: 'procurement.tender.bidDeadline',
      time: true,
      required: true,
      rule: 'form.required',
      testId: 'editor-bid-deadline',
    },
  ];
  protected readonly standstill: readonly Field[] = [
    {
      name: 'standstillDays',
      id: 't-standstill',
      label: 'procurement.tender.standstillDays',
      kind: 'number',
      min: 0,
      max: 60,
      required: true,
      rule: 'procurement.editor.standstillRule',
      testId: 'editor-standstill',
    },
  ];

  protected readonly orgSearch = new Subject<string>();
  protected readonly orgOptions = toSignal(
    this.orgSearch.pipe(
      debounceTime(300),
      switchMap((q) =>
        from(this.api.invoke(directorySearch, { q: q.trim().slice(0, 50) || undefined, limit: 20 })).pipe(
          map((page) => page.items),
          catchError(() => of([] as DirectoryEntryDto[])),
        ),
      ),
    ),
    { initialValue: [] as DirectoryEntryDto[] },
  );

  constructor() {
    this.ref.load().catch(() => this.error.set(this.t('errors.reference')));
    const id = this.route.snapshot.paramMap.get('id');
    if (id) void this.loadDraft(id);
    else void this.startNew(this.route.snapshot.queryParamMap.get('need'));
    // Communities follow the street; the needs offered follow the communities (the latest choice wins).
    this.form.controls.streetId.valueChanges.pipe(takeUntilDestroyed()).subscribe((streetId) => {
      const current = this.form.controls.communityIds.value;
      const keep = current.filter((c) =>
        this.ref.communities().some((x) => x.id === c && x.parentId === streetId),
      );
      if (keep.length !== current.length) this.form.controls.communityIds.setValue(keep);
    });
    this.form.controls.communityIds.valueChanges
      .pipe(
        map((ids) => [...ids].sort().join(',')),
        distinctUntilChanged(),
        switchMap((key) => from(this.fetchNeeds(key ? key.split(',') : []))),
        takeUntilDestroyed(),
      )
      .subscribe((needs) => this.offerNeeds(needs));
  }

  private async startNew(needId: string | null): Promise<void> {
    const street = this.scopes.officerStreets()[0]?.id ?? null;
    this.form.controls.streetId.setValue(street);
    if (!needId) return;
    await this.ref.load().catch(() => undefined);
    // The need comes from a community of one of the officer's streets: find it on their boards.
    const communities = this.ref.communities().filter((c) => this.scopes.isOfficerOf(c.parentId ?? ''));
    for (const c of communities) {
      const needs = await allPages(this.api, needsBoard, { communityId: c.id, status: 'accepted' }).catch(
        () => [] as NeedDto[],
      );
      const need = needs.find((n) => n.id === needId);
      if (!need) continue;
      this.form.patchValue({
        streetId: c.parentId,
        communityIds: [c.id],
        categoryCode: need.categoryCode,
        title: need.title.length >= 4 ? need.title : `${need.title} 服务项目`,
        description: need.text.length >= 10 ? need.text : `${need.text}（居民需求）`,
      });
      this.acceptedNeeds.set(needs);
      this.form.controls.needIds.setValue([need.id]);
      return;
    }
  }

  private async loadDraft(id: string): Promise<void> {
    try {
      const tender = await this.api.invoke(tendersGet, { id });
      this.tenderId.set(id);
      this.loaded.set(tender);
      this.version.set(tender.version);
      await this.ref.load().catch(() => undefined);
      patchTender(this.form, this.fb, tender);
    } catch (err) {
      this.saving.fail(err);
    }
  }

  /** The accepted needs of the communities, to link to the tender. */
  private async fetchNeeds(communityIds: string[]): Promise<NeedDto[]> {
    const lists = await Promise.all(
      communityIds.map((communityId) =>
        allPages(this.api, needsBoard, { communityId, status: 'accepted' }).catch(() => [] as NeedDto[]),
      ),
    );
    return lists.flat();
  }

  private offerNeeds(fetched: NeedDto[]): void {
    const communityIds = this.form.controls.communityIds.value;
    const linked = new Set(this.form.controls.needIds.value);
    // Needs already linked stay listed (an addressed need is no longer "accepted").
    const kept = this.acceptedNeeds().filter((n) => linked.has(n.id) && communityIds.includes(n.communityId));
    const all = [...kept, ...fetched.filter((n) => !kept.some((k) => k.id === n.id))];
    this.acceptedNeeds.set(all);
    const needIds = this.form.controls.needIds.value.filter((id) => all.some((n) => n.id === id));
    if (needIds.length !== linked.size) this.form.controls.needIds.setValue(needIds);
  }

  protected readonly criteriaRows: RowList = {
    rows: this.criteria,
    newRow: () => criterionForm(this.fb),
    testId: 'editor-criterion',
    addLabel: 'procurement.weights.addCriterion',
    removeLabel: 'procurement.editor.remove',
    sumTestId: 'editor-criteria-sum',
    problemsTestId: 'editor-weights-problems',
    fields: [
      {
        name: 'key',
        id: 'c-key',
        label: 'procurement.weights.key',
        required: true,
        rule: 'procurement.weights.keyRule',
        testId: 'editor-criterion-key',
      },
      {
        name: 'name',
        id: 'c-name',
        label: 'procurement.weights.name',
        required: true,
        rule: 'form.required',
        grow: true,
        testId: 'editor-criterion-name',
      },
      {
        name: 'weight',
        id: 'c-weight',
        label: 'procurement.weights.weight',
        labelSuffix: ' %',
        required: true,
        rule: 'procurement.weights.weightRule',
        kind: 'number',
        min: 1,
        max: 100,
        testId: 'editor-criterion-weight',
      },
    ],
  };
  protected readonly milestoneRows: RowList = {
    rows: this.milestones,
    newRow: () => milestoneForm(this.fb),
    testId: 'editor-milestone',
    addLabel: 'procurement.milestones.add',
    removeLabel: 'procurement.editor.remove',
    sumTestId: 'editor-milestones-sum',
    problemsTestId: 'editor-milestones-problems',
    fields: [
      {
        name: 'name',
        id: 'm-name',
        label: 'procurement.milestones.name',
        required: true,
        rule: 'form.required',
        grow: true,
        testId: 'editor-milestone-name',
      },
      {
        name: 'share',
        id: 'm-share',
        label: 'procurement.milestones.share',
        labelSuffix: ' %',
        required: true,
        rule: 'procurement.milestones.shareRule',
        kind: 'decimal',
        testId: 'editor-milestone-share',
      },
      {
        name: 'dueInDays',
        id: 'm-days',
        label: 'procurement.milestones.dueInDays',
        required: true,
        rule: 'procurement.milestones.daysRule',
        kind: 'number',
        min: 1,
        max: 3650,
        testId: 'editor-milestone-days',
      },
      {
        name: 'deliverables',
        id: 'm-deliverables',
        label: 'procurement.milestones.deliverables',
        rule: 'procurement.milestones.deliverablesRule',
        help: 'procurement.milestones.deliverablesHelp',
        kind: 'number',
        min: 0,
        max: 20,
        testId: 'editor-milestone-deliverables',
      },
    ],
  };

  protected readonly criteriaCheck = computed<RowsCheck>(() => {
    const check = this.weightsCheck();
    const technical = this.value().technical ?? 0;
    return {
      sum: this.t('procurement.plan.criteriaLive', {
        sum: String(check.criteriaSum),
        technical: String(technical),
      }),
      ok: check.criteriaSum === technical,
      problems: check.problems.map((p) => this.problemText(p)),
    };
  });
  protected readonly milestoneCheck = computed<RowsCheck>(() => {
    const check = this.milestonesCheck();
    return {
      sum: this.t('procurement.plan.milestonesLive', { sum: bpToPercentText(check.sumBp) }),
      ok: check.sumBp === 10000,
      problems: check.problems.map((p) => this.problemText(p)),
    };
  });

  protected problemText(p: PlanProblem): string {
    switch (p.code) {
      case 'weightsTotal':
        return this.t('procurement.plan.weightsTotal', { sum: String(p.sum) });
      case 'criteriaSum':
        return this.t('procurement.plan.criteriaSum', { sum: String(p.sum), technical: String(p.technical) });
      case 'criteriaMissing':
        return this.t('procurement.plan.criteriaMissing');
      case 'criteriaKeys':
        return this.t('procurement.plan.criteriaKeys');
      case 'criterionKey':
        return this.t('procurement.plan.criterionKey', { key: p.key });
      case 'criterionWeight':
        return this.t('procurement.plan.criterionWeight', { key: p.key });
      case 'milestonesSum':
        return this.t('procurement.plan.milestonesSum', { sum: bpToPercentText(p.sumBp) });
      case 'milestonesEmpty':
        return this.t('procurement.plan.milestonesEmpty');
      case 'milestoneShare':
        return this.t('procurement.plan.milestoneShare', { n: String(p.index + 1) });
    }
  }

  protected save(): Promise<void> {
    return this.submit(false);
  }

  protected publish(): Promise<void> {
    return this.submit(true);
  }

  /** Saves the draft (creating it the first time), then publishes when asked and confirmed. */
  private async submit(publish: boolean): Promise<void> {
    this.problems.set([]);
    this.error.set(null);
    if (!touchAll(this.form) || this.criteria.invalid || this.milestones.invalid) {
      for (const group of [...this.criteria.controls, ...this.milestones.controls]) touchAll(group);
      this.error.set(this.t('procurement.editor.fixForm'));
      return;
    }
    if (this.files().busy) {
      this.error.set(this.t('attachments.busy'));
      return;
    }
    const body = tenderInput(this.form.getRawValue());
    // Publishing states the title and budget and that it cannot be undone, before anything is saved.
    if (publish && !(await this.confirm.ask(publishConsequence(this.t, body)))) return;
    const key = publish ? 'publish' : 'save';
    const saved = await this.saving.run(() => this.saveDraft(body), {
      key,
      // The draft stays open for more edits (or publication).
      success: publish ? undefined : 'procurement.editor.saved',
      handle: (err) => this.stale(err),
    });
    if (!saved || !publish) return;
    const id = saved.value;
    const published = await this.saving.run(() => this.api.invoke(tendersPublish, { id }), {
      key,
      success: 'procurement.office.published',
      handle: (err) => this.refusedPublish(err),
    });
    if (published) await this.router.navigate(['/tenders', id]);
  }

  /** Saves the draft (creating it the first time) with the documents picked; answers its id. */
  private async saveDraft(body: ReturnType<typeof tenderInput>): Promise<string> {
    const id = this.tenderId();
    const version = this.version();
    const saved = id
      ? await this.api.invoke(tendersUpdate, {
          id,
          body,
          ...(version === null ? {} : { 'If-Match': ifMatch(version) }),
        })
      : await this.api.invoke(tendersCreate, { body });
    this.version.set(saved.version);
    this.loaded.set(saved);
    const documentIds = this.files().documentIds;
    if (documentIds.length) {
      this.loaded.set(await this.api.invoke(tendersAttachDocuments, { id: saved.id, body: { documentIds } }));
      this.filePicker()?.clear();
    }
    if (!id) {
      this.tenderId.set(saved.id);
      // Later saves update this draft; the address says so too (without leaving the page).
      this.location.replaceState(`/tenders/${saved.id}/edit`);
    }
    return saved.id;
  }

  /** Another officer saved this draft since it was opened: theirs is kept, this one is not. */
  private stale(err: unknown): boolean {
    if (errorCode(err) !== 'precondition.failed') return false;
    this.error.set(this.t('procurement.editor.stale'));
    return true;
  }

  /** A refusal to publish names every broken rule: all are listed. */
  private refusedPublish(err: unknown): boolean {
    this.problems.set(publishProblems(err));
    return this.problems().length > 0;
  }
}
