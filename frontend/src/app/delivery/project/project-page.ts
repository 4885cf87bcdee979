import { DatePipe, DecimalPipe, formatNumber } from '@angular/common';
import { Component, LOCALE_ID, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzRateModule } from 'ng-zorro-antd/rate';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { allPages } from '../../shared/pages';
import { LoadMore } from '../../shared/load-more';
import { listOf, loadMore } from '../../shared/list-of';
import { reloadOn } from '../../shared/list-query';
import { peopleMembers } from '../../api/fn/people/people-members';
import { projectsGet } from '../../api/fn/projects/projects-get';
import { ratingsOfRecord } from '../../api/fn/ratings/ratings-of-record';
import { ratingsReply } from '../../api/fn/ratings/ratings-reply';
import { ratingsReport } from '../../api/fn/ratings/ratings-report';
import { serviceRecordsList } from '../../api/fn/service-records/service-records-list';
import type { MilestoneProgressDto, ProjectDto, RatingDto, ServiceRecordDto } from '../../api/models';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { ReferenceData } from '../../shared/reference-data';
import { ACCEPTANCE_SCORES, DeliveryLabels, type AcceptanceScore } from '../labels';
import { FenPipe } from '../../shared/fen-pipe';
import { RecordItem, RecordList } from '../record-list';
import { RatingView } from '../rating-scores';
import { milestoneMeasures } from './progress';
import { ErrorAlert } from '../../shared/error-alert';
import { BusyButton } from '../../shared/busy-button';
import { action } from '../../shared/run-action';

/** Records per page of the project's list. */
export const RECENT_RECORDS = 20;

export interface TeamMember {
  userId: string;
  name: string;
  lead: boolean;
}

/**
 * A project: its milestones' progress against each acceptance rule (approved hours, confirmed
 * beneficiaries, satisfaction) and the community staff's rating given at each acceptance, its team, and its recent records with their ratings, which the
 * organization's admin may answer and any viewer may report.
 */
@Component({
  selector: 'app-project-page',
  imports: [
    BusyButton,
    ErrorAlert,
    DatePipe,
    DecimalPipe,
    FenPipe,
    FormsModule,
    LoadMore,
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzInputModule,
    NzProgressModule,
    NzRateModule,
    NzTagModule,
    RatingView,
    RecordItem,
    RecordList,
  ],
  templateUrl: './project-page.html',
  styleUrls: ['../../shared/page.css', './project-page.css'],
})
export class ProjectPage {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly ref = inject(ReferenceData);
  protected readonly label = inject(DeliveryLabels);
  protected readonly t = inject(I18n).t;
  protected readonly acceptanceScores = ACCEPTANCE_SCORES;
  private readonly locale = inject(LOCALE_ID);

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly project = signal<ProjectDto | null>(null);
  /** The project's records, newest first, a page at a time. */
  protected readonly records = listOf(this.id, (projectId, cursor) =>
    this.api.invoke(serviceRecordsList, { projectId, limit: RECENT_RECORDS, ...cursor }),
  );
  /** The organization's members' names by user id, for its admin. */
  private readonly memberNames = signal<Record<string, string>>({});
  /** Names by user id: the organization's members for its admin, else the workers named on the records shown. */
  private readonly names = computed<Record<string, string>>(() => ({
    ...Object.fromEntries(
      this.records()
        .items()
        .map((r) => [r.workerUserId, r.workerName]),
    ),
    ...this.memberNames(),
  }));
  /** Reading the project and its records: busy, and why it failed. */
  protected readonly loader = action();

  protected readonly isOrgAdmin = computed(() => {
    const orgId = this.project()?.organizationId;
    return (this.auth.user()?.memberships ?? []).some(
      (m) => m.role === 'org_admin' && m.organizationId === orgId,
    );
  });
  protected readonly isMember = computed(() => {
    const me = this.auth.user()?.id;
    return !!me && !!this.project()?.memberUserIds.includes(me);
  });
  protected readonly isLead = computed(() => this.project()?.leadUserId === this.auth.user()?.id);
  protected readonly team = computed<TeamMember[]>(() => {
    const p = this.project();
    if (!p) return [];
    const me = this.auth.user();
    const names = this.names();
    const ids = [p.leadUserId, ...p.memberUserIds.filter((u) => u !== p.leadUserId)];
    return ids.map((userId) => ({
      userId,
      lead: userId === p.leadUserId,
      name: names[userId] ?? (userId === me?.id ? me.displayName : this.t('delivery.project.member')),
    }));
  });

  /** Ratings of the records whose ratings were opened, by record id. */
  protected readonly ratings = signal<Record<string, RatingDto[]>>({});
  protected readonly replying = signal<string | null>(null);
  protected readonly replyText = signal('');
  /**
   * Reading a record's ratings (keyed by the record), replying to or reporting one (keyed by the
   * rating); refused in a toast.
   */
  protected readonly ratingCall = action();

  constructor() {
    this.ref.load().catch(() => undefined);
    reloadOn(this.id, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.project.set(null);
    this.memberNames.set({});
    this.ratings.set({});
    await this.loader.run(async () => {
      const [project] = await Promise.all([this.api.invoke(projectsGet, { id }), this.records().reload()]);
      if (id !== this.id()) return;
      this.project.set(project);
      if (this.isOrgAdmin()) {
        const members = await allPages(this.api, peopleMembers, {
          orgId: project.organizationId,
        }).catch(() => []);
        const names: Record<string, string> = {};
        for (const m of members) if (m.userId && m.displayName) names[m.userId] = m.displayName;
        this.memberNames.set(names);
      }
    });
  }

  /** The next page of records, appended. */
  protected moreRecords(): Promise<void> {
    return loadMore(this.records(), this.loader);
  }

  protected communityNames(ids: readonly string[]): string {
    return ids.map((id) => this.ref.regionName(id)).join('、') || '—';
  }

  protected acceptanceLabel(score: AcceptanceScore): string {
    return this.t(`acceptance.${score}`);
  }

  protected measures(m: MilestoneProgressDto) {
    return milestoneMeasures(m, this.t, (hours) => formatNumber(hours, this.locale, '1.0-2'));
  }

  protected async openRatings(record: ServiceRecordDto): Promise<void> {
    const read = () => this.api.invoke(ratingsOfRecord, { recordId: record.id });
    const list = await this.ratingCall.run(read, { key: record.id, toast: true });
    if (list) this.ratings.update((all) => ({ ...all, [record.id]: list.value }));
  }

  protected startReply(rating: RatingDto): void {
    this.replying.set(rating.id);
    this.replyText.set(rating.orgReply ?? '');
  }

  protected async reply(rating: RatingDto): Promise<void> {
    const reply = this.replyText().trim();
    if (!reply) return;
    const ok = await this.updateRating(
      rating,
      () => this.api.invoke(ratingsReply, { id: rating.id, body: { reply } }),
      'delivery.rate.replied',
    );
    if (ok) this.replying.set(null);
  }

  protected async report(rating: RatingDto): Promise<void> {
    await this.updateRating(
      rating,
      () => this.api.invoke(ratingsReport, { id: rating.id }),
      'delivery.rate.reported',
    );
  }

  private async updateRating(
    rating: RatingDto,
    call: () => Promise<RatingDto>,
    done: 'delivery.rate.replied' | 'delivery.rate.reported',
  ): Promise<boolean> {
    const result = await this.ratingCall.run(call, { key: rating.id, toast: true, success: done });
    if (!result) return false;
    const updated = result.value;
    this.ratings.update((all) => ({
      ...all,
      [rating.recordId]: (all[rating.recordId] ?? []).map((r) => (r.id === updated.id ? updated : r)),
    }));
    return true;
  }
}
