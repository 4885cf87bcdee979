import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { deliberationClose } from '../api/fn/deliberation/deliberation-close';
import { deliberationComment } from '../api/fn/deliberation/deliberation-comment';
import { deliberationComments } from '../api/fn/deliberation/deliberation-comments';
import { deliberationGet } from '../api/fn/deliberation/deliberation-get';
import { deliberationModerateComment } from '../api/fn/deliberation/deliberation-moderate-comment';
import { deliberationModerateProposal } from '../api/fn/deliberation/deliberation-moderate-proposal';
import { deliberationPropose } from '../api/fn/deliberation/deliberation-propose';
import { deliberationReportComment } from '../api/fn/deliberation/deliberation-report-comment';
import { deliberationReportProposal } from '../api/fn/deliberation/deliberation-report-proposal';
import { deliberationVote } from '../api/fn/deliberation/deliberation-vote';
import type { CommentViewDto, ConsultationDto, OptionDto } from '../api/models';
import { BackLink } from '../shared/back-link';
import { I18n } from '../i18n/i18n.service';
import { reloadOn } from '../shared/list-query';
import { routeParam } from '../shared/route-param';
import { touchAll } from '../shared/server-errors';
import { failureText } from '../shared/api-error';
import { action } from '../shared/run-action';
import { UserScopes } from '../shared/scopes';
import { ReferenceData } from '../shared/reference-data';
import { CommunityFormCard } from './community-form-card';
import { communityFormCard } from './participation-fields';
import { FormFields, type Field } from '../shared/form-fields';
import { LoadMore } from '../shared/load-more';
import { listOf } from '../shared/list-of';
import { ErrorAlert } from '../shared/error-alert';
import { BusyButton } from '../shared/busy-button';

/**
 * One consultation (议题), phone first: the question and its options. A resident who may vote taps
 * an option once; proposals and comments while it is open; the counts, minutes (决议) and the needs
 * the resolution created once closed. Community staff moderate reported items and close it.
 */
@Component({
  selector: 'app-consultation-view',
  imports: [
    BackLink,
    BusyButton,
    ErrorAlert,
    CommunityFormCard,
    FormFields,
    LoadMore,
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    NzTagModule,
  ],
  templateUrl: './consultation-view.html',
  styleUrls: ['../shared/page.css', './participation.css'],
})
export class ConsultationView {
  private readonly api = inject(Api);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly scopes = inject(UserScopes);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  private readonly id = routeParam('id');
  protected readonly consultation = signal<ConsultationDto | null>(null);
  /** Its comments, newest first, a page at a time (made anew for another consultation). */
  protected readonly comments = listOf(this.id, (id, cursor) =>
    this.api.invoke(deliberationComments, { id, ...cursor }),
  );
  protected readonly error = signal<string | null>(null);
  /** The steps taken on it (vote, propose, comment, report, moderate, close): busy one at a time, a failure in a toast. */
  protected readonly steps = action();
  /** Staff hide a reported option or comment, or show it again (only hiding a comment has a test id). */
  protected readonly moderations = [
    { hide: true, label: 'participation.hide', commentTestId: 'comment-hide' },
    { hide: false, label: 'participation.show', commentTestId: null },
  ] as const;
  protected readonly isStaff = computed(() => this.scopes.isStaffOf(this.consultation()?.communityId ?? ''));
  protected readonly isOpen = computed(() => this.consultation()?.status === 'open');
  /** The most votes any option got (for the bars of a closed consultation). */
  protected readonly top = computed(() =>
    Math.max(1, ...(this.consultation()?.options ?? []).map((o) => o.votes ?? 0)),
  );

  protected readonly proposal = this.fb.group({
    label: ['', [Validators.required, Validators.maxLength(200)]],
  });
  protected readonly proposalField: readonly Field[] = [
    {
      name: 'label',
      id: 'proposal',
      label: 'participation.propose',
      rule: 'participation.proposalRule',
      testId: 'proposal-label',
    },
  ];
  protected readonly comment = this.fb.group({
    body: ['', [Validators.required, Validators.maxLength(2000)]],
  });
  protected readonly closing = this.fb.group({
    minutes: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(10000)]],
    needCategory: this.fb.control<string | null>(null),
    needTitle: ['', Validators.maxLength(100)],
    needText: ['', Validators.maxLength(2000)],
  });
  protected readonly minutesField: readonly Field[] = [
    {
      name: 'minutes',
      id: 'minutes',
      label: 'participation.resolution',
      kind: 'textarea',
      rows: 4,
      required: true,
      rule: 'participation.minutesRule',
      testId: 'close-minutes',
    },
  ];
  /** The need the resolution may put on the needs list, after the hint saying so. */
  protected readonly needFields: readonly Field[] = [
    {
      name: 'needCategory',
      id: 'need-category',
      label: 'participation.needCategory',
      kind: 'select',
      options: () =>
        this.ref.categories().map((c) => ({ value: c.code, label: this.ref.categoryName(c.code) })),
      allowClear: true,
      testId: 'close-need-category',
    },
    { name: 'needTitle', id: 'need-title', label: 'participation.needTitle', testId: 'close-need-title' },
    {
      name: 'needText',
      id: 'need-text',
      label: 'participation.needText',
      kind: 'textarea',
      rows: 2,
      testId: 'close-need-text',
    },
  ];
  /** Closing is one of its steps: it runs, busy and failing, with them. */
  protected readonly closingCard = communityFormCard(
    'close',
    'participation.close',
    this.closing,
    this.steps,
  );

  constructor() {
    this.ref.load().catch(() => this.error.set(this.t('errors.reference')));
    reloadOn(this.id, (id) => this.load(id));
  }

  private async load(id: string | null): Promise<void> {
    if (!id) return;
    try {
      const [consultation] = await Promise.all([
        this.api.invoke(deliberationGet, { id }),
        this.comments().reload(),
      ]);
      this.consultation.set(consultation);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  /** Older comments, appended below. */
  protected moreComments(): void {
    this.comments()
      .more()
      .catch((err: unknown) => this.steps.fail(err, true));
  }

  protected vote(option: OptionDto): Promise<void> {
    return this.act(
      (id) => this.api.invoke(deliberationVote, { id, body: { optionId: option.id } }),
      'participation.votedMessage',
    );
  }

  protected async propose(): Promise<void> {
    if (!touchAll(this.proposal)) return;
    const label = this.proposal.getRawValue().label.trim();
    await this.act((id) => this.api.invoke(deliberationPropose, { id, body: { label } }));
    this.proposal.reset();
  }

  protected async addComment(): Promise<void> {
    if (!touchAll(this.comment)) return;
    const body = this.comment.getRawValue().body.trim();
    await this.act((id) => this.api.invoke(deliberationComment, { id, body: { body } }), undefined, true);
    this.comment.reset();
  }

  protected reportOption(o: OptionDto): Promise<void> {
    return this.act(
      () => this.api.invoke(deliberationReportProposal, { id: o.id }),
      'participation.reported',
    );
  }

  protected reportComment(c: CommentViewDto): Promise<void> {
    return this.act(
      () => this.api.invoke(deliberationReportComment, { id: c.id }),
      'participation.reported',
      true,
    );
  }

  protected moderateOption(o: OptionDto, hide: boolean): Promise<void> {
    return this.act(() => this.api.invoke(deliberationModerateProposal, { id: o.id, body: { hide } }));
  }

  protected moderateComment(c: CommentViewDto, hide: boolean): Promise<void> {
    return this.act(
      () => this.api.invoke(deliberationModerateComment, { id: c.id, body: { hide } }),
      undefined,
      true,
    );
  }

  /** Staff close it with the minutes and, when given, one need the resolution puts on the needs list. */
  protected async close(): Promise<void> {
    if (!touchAll(this.closing)) return;
    const v = this.closing.getRawValue();
    const needs =
      v.needCategory && v.needTitle.trim() && v.needText.trim()
        ? [{ categoryCode: v.needCategory, title: v.needTitle.trim(), text: v.needText.trim() }]
        : [];
    await this.act((id) =>
      this.api.invoke(deliberationClose, { id, body: { minutes: v.minutes.trim(), needs } }),
    );
  }

  /** Runs one step on the consultation and shows what it answers; `comments`: the step changed them, read them again. */
  private async act(
    call: (id: string) => Promise<ConsultationDto>,
    success?: Parameters<I18n['t']>[0],
    comments = false,
  ): Promise<void> {
    const id = this.consultation()?.id;
    if (!id || this.steps.busy()) return;
    await this.steps.run(
      async () => {
        this.consultation.set(await call(id));
        if (comments) await this.comments().reload();
      },
      { toast: true, success },
    );
  }
}
