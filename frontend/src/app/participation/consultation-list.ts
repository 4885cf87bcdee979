import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { Api } from '../api/api';
import { deliberationList } from '../api/fn/deliberation/deliberation-list';
import { deliberationOpen } from '../api/fn/deliberation/deliberation-open';
import { meetingsList } from '../api/fn/deliberation/meetings-list';
import { meetingsRecordMinutes } from '../api/fn/deliberation/meetings-record-minutes';
import { meetingsSchedule } from '../api/fn/deliberation/meetings-schedule';
import type { MeetingDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { touchAll } from '../shared/server-errors';
import { action } from '../shared/run-action';
import { UserScopes } from '../shared/scopes';
import { offeredOrFirst, scopeChoices } from '../shared/choice-select';
import { CommunityPicker } from '../shared/staff-communities';
import { ListFilterSelects } from '../shared/filter-select';
import { queryFilter } from '../shared/query-filter';
import { ListQuery, oneOfParam, optionalParam, reloadOn, textParam } from '../shared/list-query';
import { SearchSort } from '../shared/search-sort';
import { listOf } from '../shared/list-of';
import { PagedCard } from '../shared/paged-card';
import { PagedSection } from '../shared/paged-section';
import { ReferenceData } from '../shared/reference-data';
import { FormActions } from '../shared/form-actions';
import { CommunityFormCard } from './community-form-card';
import { FormFields, type Field } from '../shared/form-fields';
import { CommunityForm, titleControl, titleField } from './participation-fields';
import { ErrorAlert } from '../shared/error-alert';

/** Lines of a textarea, trimmed, blank ones dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

const STATUSES = ['all', 'open', 'closed'] as const;

/**
 * 居民议事: a community's consultations (residents open one to vote) and council meetings. Community
 * staff open consultations and schedule meetings, then record their attendance and minutes.
 * One column, phone first.
 */
@Component({
  selector: 'app-consultation-list',
  imports: [
    ErrorAlert,
    CommunityFormCard,
    FormActions,
    FormFields,
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzButtonModule,
    NzFormModule,
    NzTagModule,
    CommunityPicker,
    ListFilterSelects,
    PagedCard,
  ],
  templateUrl: './consultation-list.html',
  styleUrls: ['../shared/page.css', './participation.css'],
})
export class ConsultationList {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly scopes = inject(UserScopes);
  private readonly reference = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  /** The community, the search and the status, kept in the URL (Back from a consultation returns to them). */
  private readonly query = new ListQuery({
    community: optionalParam(),
    q: textParam(),
    status: oneOfParam(STATUSES, 'all'),
  });
  protected readonly picked = this.query.value;
  protected readonly communityId = computed(() =>
    offeredOrFirst(this.picked().community, this.scopes.boardCommunities()),
  );
  /** The status shown (all by default). */
  protected readonly statusFilter = computed(() => [
    queryFilter(this.query, 'status', 'participation.statusFilter', STATUSES, (s) =>
      this.t(`participation.status.${s}`),
    ),
  ]);
  protected readonly search = new SearchSort(this.query, {
    name: 'consultations',
    words: 'participation',
  });
  protected readonly isStaff = computed(() => this.scopes.isStaffOf(this.communityId() ?? ''));
  /** Who may take part: the whole community ('') or one of its live grids. */
  protected readonly grids = computed(() => {
    const communityId = this.communityId();
    return communityId ? this.reference.gridsOf(communityId) : [];
  });

  protected readonly consultations = new PagedSection(
    listOf(
      computed(() => {
        const communityId = this.communityId();
        const { q, status } = this.picked();
        return communityId
          ? { communityId, ...(q ? { q } : {}), ...(status !== 'all' ? { status } : {}) }
          : null;
      }),
      (params, cursor) => this.api.invoke(deliberationList, { ...params, ...cursor }),
    ),
    { testId: 'consultation-list', moreTestId: 'consultations-more' },
  );
  protected readonly meetings = new PagedSection(
    listOf(this.communityId, (communityId, cursor) =>
      this.api.invoke(meetingsList, { communityId, ...cursor }),
    ),
    { testId: 'meeting-list', moreTestId: 'meetings-more' },
  );
  /** The regions of the open form could not be read. */
  protected readonly referenceError = signal<string | null>(null);

  protected readonly open = this.fb.group({
    title: titleControl(),
    question: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(4000)]],
    options: [''],
    allowProposals: [true],
    secret: [true],
    closesAt: ['', Validators.required],
    /** A grid's id, or '' for the whole community. */
    regionId: [''],
  });
  protected readonly openFields = computed<Field[]>(() => [
    titleField('c-title', 'open-title'),
    {
      name: 'question',
      label: 'participation.question',
      id: 'c-question',
      testId: 'open-question',
      kind: 'textarea',
      required: true,
      rule: 'participation.questionRule',
    },
    {
      name: 'options',
      label: 'participation.options',
      id: 'c-options',
      testId: 'open-options',
      kind: 'textarea',
    },
    {
      name: 'closesAt',
      label: 'participation.closesAt',
      id: 'c-closes',
      testId: 'open-closes',
      kind: 'datetime',
      required: true,
      rule: 'participation.closesRule',
    },
    {
      name: 'regionId',
      label: 'participation.region',
      id: 'c-region',
      testId: 'open-region',
      kind: 'select',
      help: 'participation.regionHelp',
      options: () => [
        { value: '', label: this.t('participation.wholeCommunity') },
        ...scopeChoices(this.grids()),
      ],
    },
  ]);
  protected readonly opening = new CommunityForm(this.open, ['closesAt'], 'open', 'participation.open');

  protected readonly schedule = this.fb.group({
    title: titleControl(),
    startsAt: ['', Validators.required],
    place: ['', [Validators.required, Validators.maxLength(200)]],
    agenda: ['', Validators.required],
  });
  protected readonly scheduleFields = computed<Field[]>(() => [
    titleField('m-title', 'meeting-title'),
    {
      name: 'startsAt',
      label: 'participation.startsAt',
      id: 'm-starts',
      testId: 'meeting-starts',
      kind: 'datetime',
      required: true,
    },
    {
      name: 'place',
      label: 'participation.place',
      id: 'm-place',
      testId: 'meeting-place',
      required: true,
    },
    {
      name: 'agenda',
      label: 'participation.agenda',
      id: 'm-agenda',
      testId: 'meeting-agenda',
      kind: 'textarea',
      required: true,
    },
  ]);
  protected readonly scheduling = new CommunityForm(
    this.schedule,
    ['startsAt'],
    'meeting',
    'participation.schedule',
  );

  /** The meeting whose minutes are being typed. */
  protected readonly recording = signal<string | null>(null);
  protected readonly minutes = this.fb.group({
    minutes: ['', [Validators.required, Validators.minLength(5)]],
    attendees: ['', Validators.required],
  });
  protected readonly minutesFields: readonly Field[] = [
    {
      name: 'attendees',
      id: 'attendees',
      label: 'participation.attendees',
      kind: 'textarea',
      required: true,
      testId: 'meeting-attendees',
    },
    {
      name: 'minutes',
      id: 'minutes',
      label: 'participation.minutes',
      kind: 'textarea',
      rows: 4,
      required: true,
      rule: 'participation.minutesRule',
      testId: 'meeting-minutes-input',
    },
  ];
  /** Recording a meeting's minutes: its failure shows in the form. */
  protected readonly recordingMinutes = action();

  constructor() {
    this.reference.load().catch(() => this.referenceError.set(this.t('errors.reference')));
    // Another community's grid is not offered: back to the whole community.
    reloadOn(this.grids, (grids) => {
      const picked = this.open.controls.regionId.value;
      if (picked && !grids.some((g) => g.id === picked)) this.open.controls.regionId.setValue('');
    });
  }

  protected pickCommunity(community: string | null): void {
    this.query.set({ community });
  }

  protected submitOpen(): Promise<void> {
    return this.opening.send(this.communityId(), async (communityId, v, at) => {
      const created = await this.api.invoke(deliberationOpen, {
        communityId,
        body: {
          regionId: v.regionId || communityId,
          title: v.title.trim(),
          question: v.question.trim(),
          options: lines(v.options),
          allowProposals: v.allowProposals,
          secret: v.secret,
          closesAt: at.closesAt,
        },
      });
      await this.router.navigate(['/consultations', created.id]);
    });
  }

  protected submitSchedule(): Promise<void> {
    return this.scheduling.send(this.communityId(), async (communityId, v, at) => {
      const meeting = await this.api.invoke(meetingsSchedule, {
        communityId,
        body: {
          title: v.title.trim(),
          startsAt: at.startsAt,
          place: v.place.trim(),
          agenda: lines(v.agenda),
        },
      });
      this.meetings.list().items.update((list) => [meeting, ...list]);
      this.schedule.reset();
    });
  }

  protected startMinutes(meeting: MeetingDto): void {
    this.recording.set(meeting.id);
    this.minutes.reset();
    this.recordingMinutes.error.set(null);
  }

  /** Attendees are typed one a line; staff record residents and guests by name. */
  protected async submitMinutes(meeting: MeetingDto): Promise<void> {
    if (!touchAll(this.minutes)) return;
    const v = this.minutes.getRawValue();
    await this.recordingMinutes.run(async () => {
      const held = await this.api.invoke(meetingsRecordMinutes, {
        id: meeting.id,
        body: {
          minutes: v.minutes.trim(),
          attendance: lines(v.attendees).map((name) => ({ name, capacity: 'resident' as const })),
        },
      });
      this.meetings.list().items.update((list) => list.map((m) => (m.id === held.id ? held : m)));
      this.recording.set(null);
    });
  }
}
