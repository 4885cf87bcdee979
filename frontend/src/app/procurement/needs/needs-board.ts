import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { BusyButton } from '../../shared/busy-button';
import { LoadMore } from '../../shared/load-more';
import { allPages, PagedList } from '../../shared/pages';
import { needsAdmissionList } from '../../api/fn/needs/needs-admission-list';
import { needsAdmit } from '../../api/fn/needs/needs-admit';
import { needsBoard } from '../../api/fn/needs/needs-board';
import { needsPost } from '../../api/fn/needs/needs-post';
import { needsPushTask } from '../../api/fn/needs/needs-push-task';
import { needsTasks } from '../../api/fn/needs/needs-tasks';
import { needsTriage } from '../../api/fn/needs/needs-triage';
import { needsUpvote } from '../../api/fn/needs/needs-upvote';
import type { AdmissionItemDto, CommunityTaskDto, NeedDto, NeedStatus } from '../../api/models';
import { NEED_STATUS } from '../../api/models/need-status-array';
import { I18n } from '../../i18n/i18n.service';
import { categoryField } from '../kpi-fields';
import { FormCard } from '../../shared/form-card';
import { action } from '../../shared/run-action';
import { touchAll } from '../../shared/server-errors';
import { ReferenceData } from '../../shared/reference-data';
import { errorCode } from '../../shared/api-error';
import { NEED_COLORS, ProcurementLabels } from '../procurement-labels';
import { UserScopes } from '../../shared/scopes';
import { FORM_CARDS } from '../../shared/form-cards';
import type { Field } from '../../shared/form-fields';
import { ListQuery, oneOfParam, optionalParam, reloadOn } from '../../shared/list-query';
import { Decision, DecisionRow } from '../../shared/decision';
import { Segmented } from '../../shared/segmented';
import { loadMore } from '../../shared/list-of';
import { ChoiceSelect, scopeChoices, offeredOrFirst } from '../../shared/choice-select';
import { ErrorAlert } from '../../shared/error-alert';
import { InlineForm, type InlineFormSpec } from '../inline-form';

export type NeedFilter = NeedStatus | 'all';
const ADMISSION_CODE = /^[a-z0-9_.-]{2,40}$/;
const NEED_FILTERS: readonly NeedFilter[] = ['all', ...NEED_STATUS];

/** An item's code and title (the admission list's, a task's): ids and test ids as given. */
const codeAndTitle = (
  ids: { code: string; title: string },
  testIds: { code: string; title: string },
  codePlaceholder?: string,
): readonly Field[] => [
  {
    name: 'code',
    id: ids.code,
    label: 'procurement.admission.code',
    required: true,
    rule: 'procurement.admission.codeRule',
    placeholder: codePlaceholder === undefined ? undefined : () => codePlaceholder,
    testId: testIds.code,
  },
  {
    name: 'title',
    id: ids.title,
    label: 'procurement.admission.itemTitle',
    required: true,
    rule: 'procurement.needs.titleRule',
    testId: testIds.title,
  },
];

/**
 * 需求清单 and 准入清单 of one community. Residents post and upvote needs; the community's staff
 * triage them (a decline needs a reason) and keep the admission list, seeing which tasks the street
 * pushed and which were refused; the street's officers read the board, turn accepted needs into
 * tenders and push tasks.
 */
@Component({
  selector: 'app-needs-board',
  imports: [
    FORM_CARDS,
    ErrorAlert,
    FormCard,
    DatePipe,
    RouterLink,
    NzEmptyModule,
    Segmented,
    NzTagModule,
    LoadMore,
    ChoiceSelect,
    DecisionRow,
    InlineForm,
    BusyButton,
  ],
  templateUrl: './needs-board.html',
  styleUrls: ['../../shared/column-page.css', './needs-board.css'],
})
export class NeedsBoard {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  protected readonly ref = inject(ReferenceData);
  protected readonly scopes = inject(UserScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = NEED_COLORS;

  /**
   * The community and the status shown, in the URL (`?community=<id>&status=accepted`): Back, a
   * reload and a shared link show the same board. Without a community of the user's, the first one.
   */
  protected readonly query = new ListQuery({
    community: optionalParam(),
    status: oneOfParam(NEED_FILTERS, 'all'),
  });
  protected readonly communityId = computed(() =>
    offeredOrFirst(this.query.value().community, this.scopes.boardCommunities()),
  );
  protected readonly communities = computed(() => scopeChoices(this.scopes.boardCommunities()));
  protected readonly filter = computed(() => this.query.value().status);
  protected readonly filters = computed(() =>
    NEED_FILTERS.map((value) => ({
      value,
      label: value === 'all' ? this.t('procurement.needs.all') : this.label.needStatus(value),
    })),
  );

  /** What the user may do in the chosen community. */
  protected readonly isResident = computed(() => this.scopes.isResidentOf(this.communityId() ?? ''));
  protected readonly isStaff = computed(() => this.scopes.isStaffOf(this.communityId() ?? ''));
  protected readonly isOfficer = computed(() => this.scopes.isOfficerFor(this.communityId() ?? ''));
  protected readonly canPost = computed(() => this.isResident() || this.isStaff());

  protected readonly needs = signal<NeedDto[]>([]);
  /** Reads the needs: busy meanwhile, the failure in its error. */
  protected readonly loader = action();
  /** An upvote or a triage, busy per need; a failure in a toast. */
  protected readonly needAction = action();

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly post = this.fb.group({
    categoryCode: this.fb.control<string | null>(null, Validators.required),
    title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(100)]],
    text: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(2000)]],
  });
  protected readonly postFields: readonly Field[] = [
    categoryField(this.ref, 'need-category', 'procurement.needs.category', 'needs-category'),
    {
      name: 'title',
      id: 'need-title',
      label: 'procurement.needs.needTitle',
      required: true,
      rule: 'procurement.needs.titleRule',
      testId: 'needs-title',
    },
    {
      name: 'text',
      id: 'need-text',
      label: 'procurement.needs.text',
      kind: 'textarea',
      required: true,
      rule: 'procurement.needs.textRule',
      testId: 'needs-text',
    },
  ];
  protected readonly posting = action();

  /** The staff's accept / decline-with-a-reason row of an open need, busy with the need's action. */
  protected readonly triage = new Decision({
    kind: 'needDecline',
    testId: 'need-decline',
    refuse: 'procurement.needs.decline',
    reason: 'procurement.needs.declineReason',
    approve: { label: 'procurement.needs.accept', testId: 'need-accept' },
    open: { label: 'procurement.needs.decline', testId: 'need-decline' },
    busy: (id) => this.needAction.busyFor(id),
  });

  protected readonly admission = signal<AdmissionItemDto[]>([]);
  /** The tasks pushed onto the community, newest first, a page at a time. */
  protected readonly taskList = new PagedList<CommunityTaskDto>((cursor) =>
    this.api.invoke(needsTasks, { communityId: this.communityId()!, ...(cursor ? { cursor } : {}) }),
  );
  protected readonly tasks = this.taskList.items;
  protected readonly admit = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(ADMISSION_CODE)]],
    title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(100)]],
  });
  protected readonly push = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(ADMISSION_CODE)]],
    title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(100)]],
  });
  protected readonly admitFields = codeAndTitle(
    { code: 'admit-code', title: 'admit-title' },
    { code: 'admission-code', title: 'admission-title' },
    'census',
  );
  protected readonly pushFields = codeAndTitle(
    { code: 'push-code', title: 'push-title' },
    { code: 'task-code', title: 'task-title' },
  );
  protected readonly admitting: InlineFormSpec = {
    form: this.admit,
    fields: this.admitFields,
    submit: 'procurement.admission.add',
    testId: 'admission-add',
  };
  protected readonly pushing: InlineFormSpec = {
    form: this.push,
    fields: this.pushFields,
    submit: 'procurement.tasks.push',
    testId: 'task-push',
  };
  /** The admission list and the tasks: reading them, adding to them. */
  protected readonly lists = action();

  constructor() {
    this.ref.load().catch(() => this.loader.error.set(this.t('errors.reference')));
    reloadOn(
      computed(() => [this.communityId(), this.filter()] as const),
      ([id, filter]) => this.load(id, filter),
    );
    reloadOn(
      computed(() => (this.isStaff() || this.isOfficer() ? this.communityId() : null)),
      (id) => this.loadLists(id),
    );
  }

  protected categoryName(code: string): string {
    return this.ref.categoryName(code);
  }

  protected async load(communityId: string | null, filter: NeedFilter): Promise<void> {
    this.needs.set([]);
    this.loader.error.set(null);
    if (!communityId) return;
    await this.loader.run(async () => {
      const needs = await allPages(this.api, needsBoard, {
        communityId,
        ...(filter === 'all' ? {} : { status: filter }),
      });
      if (communityId === this.communityId() && filter === this.filter()) this.needs.set(needs);
    });
  }

  private async loadLists(communityId: string | null): Promise<void> {
    this.admission.set([]);
    this.tasks.set([]);
    this.taskList.nextCursor.set(null);
    if (!communityId) return;
    try {
      const [admission] = await Promise.all([
        this.api.invoke(needsAdmissionList, { communityId }),
        this.taskList.reload(),
      ]);
      if (communityId !== this.communityId()) return;
      this.admission.set(admission);
    } catch (err) {
      this.lists.fail(err);
    }
  }

  protected moreTasks(): Promise<void> {
    return loadMore(this.taskList, this.lists);
  }

  protected async submitNeed(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.post)) return;
    const { categoryCode, title, text } = this.post.getRawValue();
    const body = {
      communityId,
      categoryCode: categoryCode as string,
      title: title.trim(),
      text: text.trim(),
    };
    const done = await this.posting.run(() => this.api.invoke(needsPost, { body }), {
      success: 'procurement.needs.posted',
    });
    if (!done) return;
    const need = done.value;
    if (this.filter() === 'all' || this.filter() === need.status) this.needs.update((l) => [need, ...l]);
    this.post.reset();
  }

  protected upvote(need: NeedDto): Promise<void> {
    return this.act(need, () => this.api.invoke(needsUpvote, { id: need.id }));
  }

  protected accept(need: NeedDto): Promise<void> {
    return this.act(need, () => this.api.invoke(needsTriage, { id: need.id, body: { decision: 'accept' } }));
  }

  protected async decline(need: NeedDto): Promise<void> {
    const reason = this.triage.reason();
    if (reason === null) return;
    await this.act(need, () =>
      this.api.invoke(needsTriage, { id: need.id, body: { decision: 'decline', reason } }),
    );
    this.triage.close();
  }

  /** An officer answers an accepted need with a tender: the editor opens with the need linked. */
  protected createTender(need: NeedDto): void {
    void this.router.navigate(['/tenders/new'], { queryParams: { need: need.id } });
  }

  protected async addAdmission(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.admit)) return;
    const { code, title } = this.admit.getRawValue();
    const done = await this.lists.run(() =>
      this.api.invoke(needsAdmit, { communityId, body: { code, title: title.trim() } }),
    );
    if (!done) return;
    const item = done.value;
    this.admission.update((list) => [...list, item].sort((a, b) => a.code.localeCompare(b.code)));
    this.admit.reset();
  }

  /** A refused task is kept by the server too: the list is reloaded either way. */
  protected async pushTask(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.push)) return;
    const { code, title } = this.push.getRawValue();
    const pushed = await this.lists.run(
      () => this.api.invoke(needsPushTask, { communityId, body: { code, title: title.trim() } }),
      { success: 'procurement.tasks.pushed', handle: (err) => this.refusedNow(err) },
    );
    if (pushed) this.push.reset();
    await this.loadLists(communityId);
  }

  /** The task's code was not admitted (any more): said as a warning, not as the list's failure. */
  private refusedNow(err: unknown): boolean {
    if (errorCode(err) !== 'task.not_admitted') return false;
    this.message.warning(this.t('procurement.tasks.refusedNow'));
    return true;
  }

  private async act(need: NeedDto, call: () => Promise<NeedDto>): Promise<void> {
    const done = await this.needAction.run(call, { key: need.id, toast: true });
    if (!done) return;
    const updated = done.value;
    this.needs.update((list) => list.map((n) => (n.id === updated.id ? updated : n)));
  }
}
