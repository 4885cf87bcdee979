import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { timeBankAccept } from '../api/fn/time-bank/time-bank-accept';
import { timeBankAccount } from '../api/fn/time-bank/time-bank-account';
import { timeBankCancel } from '../api/fn/time-bank/time-bank-cancel';
import { timeBankConfirm } from '../api/fn/time-bank/time-bank-confirm';
import { timeBankDeposit } from '../api/fn/time-bank/time-bank-deposit';
import { timeBankFulfil } from '../api/fn/time-bank/time-bank-fulfil';
import { timeBankOfCommunity } from '../api/fn/time-bank/time-bank-of-community';
import { timeBankPost } from '../api/fn/time-bank/time-bank-post';
import { volunteersActivities } from '../api/fn/volunteers/volunteers-activities';
import { volunteersIssue } from '../api/fn/volunteers/volunteers-issue';
import { volunteersMe } from '../api/fn/volunteers/volunteers-me';
import { volunteersMyCertificates } from '../api/fn/volunteers/volunteers-my-certificates';
import { volunteersMyHours } from '../api/fn/volunteers/volunteers-my-hours';
import { volunteersObject } from '../api/fn/volunteers/volunteers-object';
import { volunteersPdf } from '../api/fn/volunteers/volunteers-pdf';
import { volunteersPublished } from '../api/fn/volunteers/volunteers-published';
import { volunteersSaveProfile } from '../api/fn/volunteers/volunteers-save-profile';
import { volunteersSignUp } from '../api/fn/volunteers/volunteers-sign-up';
import { volunteersWithdraw } from '../api/fn/volunteers/volunteers-withdraw';
import type {
  ActivityDto,
  CertificateDto,
  HelpRequestDto,
  HoursDto,
  PublishedHoursDto,
  TimeAccountDto,
  VolunteerDto,
} from '../api/models';
import { RouterLink } from '@angular/router';
import { apiError } from '../shared/api-error';
import type { I18nKey } from '../i18n/zh-CN';
import { saveBlob } from '../shared/download';
import { ifMatch } from '../shared/etag';
import { SearchInput } from '../shared/list-controls';
import { listOf } from '../shared/list-of';
import { ListQuery, reloadOn, textParam } from '../shared/list-query';
import { querySearch } from '../shared/query-search';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { FORM_CARDS } from '../shared/form-cards';
import type { Field } from '../shared/form-fields';
import { Decision, DecisionRow } from '../shared/decision';
import { ActivityCard } from './activity-card';
import { postFields, titleRules } from './post-fields';
import { HoursList, STATE_COLORS } from './hours-list';
import { Volunteering } from './volunteering';
import { ErrorAlert } from '../shared/error-alert';
import { FieldsForm } from '../shared/form-card';

const HELP_STEPS = ['accept', 'fulfil', 'confirm', 'cancel'] as const;
type HelpStep = (typeof HELP_STEPS)[number];

/**
 * A resident's volunteering, phone first: the volunteer profile (skills, availability, consent to
 * publish the name), the community's activities to sign up for, my hours with their 7-day
 * objection window and my certificates, and the time bank (balance, help requests).
 */
@Component({
  selector: 'app-volunteer-page',
  imports: [
    ErrorAlert,
    FORM_CARDS,
    FieldsForm,
    ActivityCard,
    DecisionRow,
    HoursList,
    LoadMore,
    RouterLink,
    SearchInput,
    DatePipe,
    DecimalPipe,
    NzPopconfirmModule,
    NzTagModule,
  ],
  templateUrl: './volunteer-page.html',
  styleUrls: ['../shared/page.css', './volunteer-page.css'],
})
export class VolunteerPage {
  /** The page's calls and actions, as the organizer's and the resident's pages make them. */
  protected readonly page = new Volunteering(() => this.load());
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly t = this.page.t;
  protected readonly colors = STATE_COLORS;

  /** The community the resident lives in (their first resident membership). */
  protected readonly communityId = this.page.communityAs('resident');

  protected readonly volunteer = signal<VolunteerDto | null>(null);
  /** The community the volunteer serves (its lists are made anew only when it changes). */
  private readonly volunteerCommunity = computed(() => this.volunteer()?.communityId ?? null);
  protected readonly account = signal<TimeAccountDto | null>(null);
  /** The page's lists, newest first, a page at a time, each with its "load more". */
  /** The activities' search, kept in the URL. */
  private readonly query = new ListQuery({ q: textParam() });
  protected readonly search = querySearch(this.query);
  protected readonly activities = listOf(
    () => {
      const communityId = this.volunteerCommunity();
      return communityId ? { communityId, q: this.query.value().q } : null;
    },
    ({ communityId, q }, cursor) =>
      this.page.api.invoke(volunteersActivities, { communityId, ...(q ? { q } : {}), ...cursor }),
  );
  protected readonly requests = listOf(this.volunteerCommunity, (communityId, cursor) =>
    this.page.api.invoke(timeBankOfCommunity, { communityId, ...cursor }),
  );
  /** The community's hours still open to objections, and the one being objected to. */
  protected readonly published = listOf(this.volunteerCommunity, (communityId, cursor) =>
    this.page.api.invoke(volunteersPublished, { communityId, ...cursor }),
  );
  protected readonly hours = new PagedList<HoursDto>((cursor) =>
    this.page.api.invoke(volunteersMyHours, cursor ? { cursor } : {}),
  );
  protected readonly certificates = new PagedList<CertificateDto>((cursor) =>
    this.page.api.invoke(volunteersMyCertificates, cursor ? { cursor } : {}),
  );
  protected readonly loading = signal(true);
  /** Objecting to published hours, with a reason. */
  protected readonly objection = new Decision({
    kind: 'objection',
    testId: 'objection',
    refuse: 'volunteer.objections.send',
    reason: 'volunteer.objections.reason',
    open: { label: 'volunteer.objections.object', testId: 'objection-open' },
    busy: (id) => this.page.action.busyFor(id),
  });

  protected readonly profile = this.fb.group({
    skills: ['', Validators.maxLength(400)],
    availability: ['', Validators.maxLength(500)],
    publishName: [false],
  });
  protected readonly profileFields: readonly Field[] = [
    { name: 'skills', id: 'volunteer-skills', label: 'volunteer.profile.skills', testId: 'volunteer-skills' },
    {
      name: 'availability',
      id: 'volunteer-availability',
      label: 'volunteer.profile.availability',
      testId: 'volunteer-availability',
    },
    {
      name: 'publishName',
      id: 'volunteer-publish',
      label: 'volunteer.profile.publishName',
      kind: 'switch',
      testId: 'volunteer-publish',
    },
  ];
  protected readonly help = this.fb.group({
    title: ['', titleRules],
    description: ['', Validators.maxLength(1000)],
    minutes: [60, [Validators.required, Validators.min(15), Validators.max(480)]],
  });

  protected readonly helpFields: readonly Field[] = [
    ...postFields('help', 'volunteer.bank.requestTitle'),
    {
      name: 'minutes',
      id: 'help-minutes',
      label: 'volunteer.bank.minutes',
      kind: 'number',
      required: true,
      min: 15,
      max: 480,
      step: 15,
      rule: 'volunteer.bank.minutesRule',
      testId: 'help-minutes',
    },
  ];

  constructor() {
    void this.load();
    // A new search reads the first page of the activities that match it.
    reloadOn(
      computed(() => this.query.value().q),
      () => this.page.action.run(() => this.activities().reload()),
    );
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    try {
      const volunteer = await this.page.api.invoke(volunteersMe).catch((err: unknown) => {
        if (apiError(err)?.code === 'resource.not_found') return null;
        throw err;
      });
      this.volunteer.set(volunteer);
      if (volunteer) {
        this.profile.setValue({
          skills: volunteer.skills.join('、'),
          availability: volunteer.availability,
          publishName: volunteer.publishName,
        });
        await this.loadVolunteering();
      }
    } catch (err) {
      this.page.action.fail(err);
    } finally {
      this.loading.set(false);
    }
  }

  /** The first page of each list, and the balance. */
  private async loadVolunteering(): Promise<void> {
    const lists = [this.activities(), this.hours, this.certificates, this.requests(), this.published()];
    const [account] = await Promise.all([
      this.page.api.invoke(timeBankAccount),
      ...lists.map((list) => list.reload()),
    ]);
    this.account.set(account);
  }

  protected async saveProfile(): Promise<void> {
    const communityId = this.volunteer()?.communityId ?? this.communityId();
    if (!communityId || this.profile.invalid) return;
    const { skills, availability, publishName } = this.profile.getRawValue();
    const current = this.volunteer();
    await this.page.act('profile', 'volunteer.profile.saved', () =>
      this.page.api.invoke(volunteersSaveProfile, {
        ...(current ? { 'If-Match': ifMatch(current.version) } : {}),
        body: {
          communityId,
          skills: skills
            .split(/[,，、\s]+/)
            .map((s) => s.trim())
            .filter(Boolean),
          availability: availability.trim(),
          publishName,
        },
      }),
    );
  }

  protected signUp(a: ActivityDto): Promise<void> {
    return this.page.act(a.id, 'volunteer.activities.signedUp', () =>
      this.page.api.invoke(volunteersSignUp, { id: a.id }),
    );
  }

  /** A sign-up is withdrawn before the activity starts (the server also refuses once hours are recorded). */
  protected canWithdraw(a: ActivityDto): boolean {
    return a.signedUpByMe && new Date(a.startsAt).getTime() > Date.now();
  }

  protected withdraw(a: ActivityDto): Promise<void> {
    const volunteerId = this.page.me();
    if (!volunteerId) return Promise.resolve();
    return this.page.act(a.id, 'volunteer.activities.withdrawn', () =>
      this.page.api.invoke(volunteersWithdraw, { id: a.id, volunteerId }),
    );
  }

  protected deposit(h: HoursDto): Promise<void> {
    return this.page.act(h.id, 'volunteer.hours.deposited', () =>
      this.page.api.invoke(timeBankDeposit, { body: { hoursId: h.id } }),
    );
  }

  protected issue(): Promise<void> {
    return this.page.act('certificate', 'volunteer.certificates.issued', () =>
      this.page.api.invoke(volunteersIssue),
    );
  }

  protected async download(c: CertificateDto): Promise<void> {
    const pdf = await this.page.action.run(() => this.page.api.invoke(volunteersPdf, { id: c.id }), {
      key: c.id,
    });
    if (pdf) saveBlob(pdf.value, `volunteer-certificate-${c.id}.pdf`);
  }

  protected async postHelp(): Promise<void> {
    if (this.help.invalid) return;
    const body = this.help.getRawValue();
    await this.page.act('help', 'volunteer.bank.posted', async () => {
      await this.page.api.invoke(timeBankPost, { body: { ...body, title: body.title.trim() } });
      this.help.reset({ title: '', description: '', minutes: 60 });
    });
  }

  /** The steps the caller may take on a request: who they are to it and where it stands decide. */
  protected stepsFor(r: HelpRequestDto): HelpStep[] {
    const me = this.page.me();
    const mine = r.requesterId === me;
    return HELP_STEPS.filter(
      (s) =>
        (s === 'accept' && r.status === 'open' && !mine) ||
        (s === 'fulfil' && r.status === 'accepted' && r.helperId === me) ||
        (s === 'confirm' && r.status === 'fulfilled' && mine) ||
        (s === 'cancel' && (r.status === 'open' || r.status === 'accepted') && mine),
    );
  }

  protected stepLabel(step: HelpStep): string {
    return this.t(`volunteer.bank.${step}` as I18nKey);
  }

  protected step(r: HelpRequestDto, step: HelpStep): Promise<void> {
    const fn = {
      accept: timeBankAccept,
      fulfil: timeBankFulfil,
      confirm: timeBankConfirm,
      cancel: timeBankCancel,
    }[step];
    return this.page.act(r.id, `volunteer.bank.done.${step}`, () => this.page.api.invoke(fn, { id: r.id }));
  }

  protected async object(h: PublishedHoursDto): Promise<void> {
    const reason = this.objection.reason();
    if (reason === null) return;
    await this.page.act(h.id, 'volunteer.objections.sent', async () => {
      await this.page.api.invoke(volunteersObject, { id: h.id, body: { reason } });
      this.objection.close();
    });
  }
}
