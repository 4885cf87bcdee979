import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import {
  deliberationList,
  deliberationOpen,
  meetingsList,
  meetingsRecordMinutes,
  meetingsSchedule,
} from '../api/functions';
import type { ConsultationSummaryDto, MeetingDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { touchAll } from '../shared/server-errors';
import { fromLocalInput } from '../procurement/datetime';
import { failureText } from '../shared/api-error';
import { ProcurementScopes, type Scope } from '../procurement/scopes';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { action } from '../shared/run-action';
import { loadEach, loadMore, scopedList } from '../shared/scoped-lists';
import { ReferenceData } from '../shared/reference-data';
import { FormActions } from '../shared/form-actions';
import { FormRow } from '../shared/form-row';

/** Lines of a textarea, trimmed, blank ones dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/**
 * 居民议事: a community's consultations (residents open one to vote) and council meetings. Community
 * staff open consultations and schedule meetings, then record their attendance and minutes.
 * One column, phone first.
 */
@Component({
  selector: 'app-consultation-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormActions,
    FormRow,
    DatePipe,
    FormsModule,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzTagModule,
    LoadMore,
  ],
  templateUrl: './consultation-list.html',
  styleUrls: ['../shared/page.css', './participation.css'],
})
export class ConsultationList {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly scopes = inject(ProcurementScopes);
  private readonly reference = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  protected readonly communityId = linkedSignal<Scope[], string | null>({
    source: this.scopes.boardCommunities,
    computation: (all, previous) => all.find((c) => c.id === previous?.value)?.id ?? all[0]?.id ?? null,
  });
  protected readonly isStaff = computed(() => this.scopes.isStaffOf(this.communityId() ?? ''));
  /** Who may take part: the whole community ('') or one of its live grids. */
  protected readonly grids = computed(() => {
    const communityId = this.communityId();
    return communityId ? this.reference.gridsOf(communityId) : [];
  });

  protected readonly consultations = scopedList(this.communityId, (communityId, cursor) =>
    this.api.invoke(deliberationList, { communityId, ...cursor }),
  );
  protected readonly meetings = scopedList(this.communityId, (communityId, cursor) =>
    this.api.invoke(meetingsList, { communityId, ...cursor }),
  );
  protected readonly loader = action();
  protected readonly loading = this.loader.busy;
  protected readonly error = this.loader.error;

  protected readonly open = this.fb.group({
    title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    question: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(4000)]],
    options: [''],
    allowProposals: [true],
    secret: [true],
    closesAt: ['', Validators.required],
    /** A grid's id, or '' for the whole community. */
    regionId: [''],
  });
  protected readonly opening = action();

  protected readonly schedule = this.fb.group({
    title: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    startsAt: ['', Validators.required],
    place: ['', [Validators.required, Validators.maxLength(200)]],
    agenda: ['', Validators.required],
  });
  protected readonly scheduling = action();

  /** The meeting whose minutes are being typed. */
  protected readonly recording = signal<string | null>(null);
  protected readonly minutes = this.fb.group({
    minutes: ['', [Validators.required, Validators.minLength(5)]],
    attendees: ['', Validators.required],
  });
  protected readonly minutesError = signal<string | null>(null);

  constructor() {
    this.reference.load().catch((err: unknown) => this.loader.fail(err));
    effect(() => {
      // Another community's grid is not offered: back to the whole community.
      const grids = this.grids();
      untracked(() => {
        const picked = this.open.controls.regionId.value;
        if (picked && !grids.some((g) => g.id === picked)) this.open.controls.regionId.setValue('');
      });
    });
    loadEach(() => [this.consultations(), this.meetings()], this.loader);
  }

  protected more(list: PagedList<ConsultationSummaryDto> | PagedList<MeetingDto>): Promise<void> {
    return loadMore(list, this.loader);
  }

  protected async submitOpen(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.open)) return;
    const v = this.open.getRawValue();
    const closesAt = fromLocalInput(v.closesAt);
    if (!closesAt) return;
    await this.opening.run(async () => {
      const created = await this.api.invoke(deliberationOpen, {
        communityId,
        body: {
          regionId: v.regionId || communityId,
          title: v.title.trim(),
          question: v.question.trim(),
          options: lines(v.options),
          allowProposals: v.allowProposals,
          secret: v.secret,
          closesAt,
        },
      });
      await this.router.navigate(['/consultations', created.id]);
    });
  }

  protected async submitSchedule(): Promise<void> {
    const communityId = this.communityId();
    if (!communityId || !touchAll(this.schedule)) return;
    const v = this.schedule.getRawValue();
    const startsAt = fromLocalInput(v.startsAt);
    if (!startsAt) return;
    await this.scheduling.run(async () => {
      const meeting = await this.api.invoke(meetingsSchedule, {
        communityId,
        body: { title: v.title.trim(), startsAt, place: v.place.trim(), agenda: lines(v.agenda) },
      });
      this.meetings().items.update((list) => [meeting, ...list]);
      this.schedule.reset();
    });
  }

  protected startMinutes(meeting: MeetingDto): void {
    this.recording.set(meeting.id);
    this.minutes.reset();
    this.minutesError.set(null);
  }

  /** Attendees are typed one a line; staff record residents and guests by name. */
  protected async submitMinutes(meeting: MeetingDto): Promise<void> {
    if (!touchAll(this.minutes)) return;
    const v = this.minutes.getRawValue();
    try {
      const held = await this.api.invoke(meetingsRecordMinutes, {
        id: meeting.id,
        body: {
          minutes: v.minutes.trim(),
          attendance: lines(v.attendees).map((name) => ({ name, capacity: 'resident' as const })),
        },
      });
      this.meetings().items.update((list) => list.map((m) => (m.id === held.id ? held : m)));
      this.recording.set(null);
    } catch (err) {
      this.minutesError.set(failureText(err, this.t));
    }
  }
}
