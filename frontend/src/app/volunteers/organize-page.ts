import { Component, computed, effect, inject, signal } from '@angular/core';
import { FormsModule, NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { organizationsGet } from '../api/fn/organizations/organizations-get';
import { projectsMine } from '../api/fn/projects/projects-mine';
import { volunteersOrganized } from '../api/fn/volunteers/volunteers-organized';
import { volunteersPostActivity } from '../api/fn/volunteers/volunteers-post-activity';
import { volunteersPublished } from '../api/fn/volunteers/volunteers-published';
import { volunteersParticipants } from '../api/fn/volunteers/volunteers-participants';
import { volunteersRecordHours } from '../api/fn/volunteers/volunteers-record-hours';
import { volunteersResolve } from '../api/fn/volunteers/volunteers-resolve';
import type { ActivityDto, ParticipantDto, ProjectSummaryDto, PublishedHoursDto } from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';
import { localDateTime, localToInstant } from '../shared/dates';
import { SearchInput } from '../shared/list-controls';
import { listOf, loadEach } from '../shared/list-of';
import { ListQuery, reloadOn, textParam } from '../shared/list-query';
import { querySearch } from '../shared/query-search';
import { LoadMore } from '../shared/load-more';
import { ReferenceData } from '../shared/reference-data';
import { ChoiceSelect, scopeChoices } from '../shared/choice-select';
import { FORM_CARDS } from '../shared/form-cards';
import type { Field } from '../shared/form-fields';
import { AdminScopes } from '../organizations/admin-scope';
import { ActivityCard } from './activity-card';
import { postFields, titleRules } from './post-fields';
import { HoursList } from './hours-list';
import { Volunteering } from './volunteering';
import { ErrorAlert } from '../shared/error-alert';
import { FieldsForm } from '../shared/form-card';

/**
 * Volunteering organized by community staff and organizations' admins: post an activity (staff in
 * their community; an org admin in one of the organization's projects, in a community it serves),
 * see who signed up, record the hours of the activities one posted (谁记录谁证明: the organizer
 * vouches for them), and, for staff, decide objections to the hours published in the community.
 * An org admin also sees the volunteers of activities others posted in the organization's projects.
 */
@Component({
  selector: 'app-organize-page',
  imports: [
    ErrorAlert,
    FORM_CARDS,
    FieldsForm,
    ActivityCard,
    ChoiceSelect,
    HoursList,
    LoadMore,
    SearchInput,
    FormsModule,
    NzInputNumberModule,
    NzTagModule,
  ],
  templateUrl: './organize-page.html',
  styleUrls: ['../shared/page.css', './volunteer-page.css'],
})
export class OrganizePage {
  /** The page's calls and actions, as the organizer's and the resident's pages make them. */
  protected readonly page = new Volunteering(() => this.load());
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly reference = inject(ReferenceData);
  private readonly organizations = inject(AdminScopes);
  protected readonly t = this.page.t;

  /** The community the staff member serves (their first community_staff membership). */
  protected readonly staffCommunity = this.page.communityAs('community_staff');
  /** The organizations the caller administers. */
  private readonly adminOf = computed(() => this.organizations.all().map((o) => o.id));
  /** An org admin (who is not community staff) posts in a project of the organization. */
  protected readonly asOrganization = computed(() => !this.staffCommunity() && this.adminOf().length > 0);
  protected readonly projects = signal<ProjectSummaryDto[]>([]);
  protected readonly projectId = signal<string | null>(null);
  /** The communities the chosen project's organization serves, with their names. */
  protected readonly communities = signal<{ id: string; name: string }[]>([]);
  protected readonly orgCommunity = signal<string | null>(null);
  /** The project and community pickers of an organization's admin. */
  protected readonly pickers = [
    {
      name: 'activity-project',
      label: 'volunteer.organize.project',
      choices: computed(() => this.projects().map((p) => ({ value: p.id, label: p.title }))),
      value: this.projectId,
    },
    {
      name: 'activity-community',
      label: 'volunteer.organize.community',
      choices: computed(() => scopeChoices(this.communities())),
      value: this.orgCommunity,
    },
  ] as const;
  protected readonly communityId = computed(() =>
    this.asOrganization() ? this.orgCommunity() : this.staffCommunity(),
  );
  /** The search of the activities I organize, kept in the URL. */
  private readonly query = new ListQuery({ q: textParam() });
  protected readonly search = querySearch(this.query);
  /** The activities I organize (or that are in my organizations' projects), latest first, with their volunteers. */
  protected readonly mine = listOf(this.query.value, ({ q }, cursor) =>
    this.page.api.invoke(volunteersOrganized, { ...(q ? { q } : {}), ...cursor }),
  );
  /** The community's published hours, for its staff to decide objections. */
  protected readonly published = listOf(this.staffCommunity, (communityId, cursor) =>
    this.page.api.invoke(volunteersPublished, { communityId, ...cursor }),
  );
  /** How staff decide an objection to published hours: uphold it, or dismiss it. */
  protected readonly resolutions = [
    { decision: 'uphold', label: 'volunteer.organize.uphold', danger: true },
    { decision: 'dismiss', label: 'volunteer.organize.dismiss', danger: false },
  ] as const;
  /** Minutes typed per activity and volunteer (`activityId:volunteerId`). */
  protected readonly minutes: Record<string, number> = {};

  protected readonly form = this.fb.group({
    title: ['', titleRules],
    description: ['', Validators.maxLength(2000)],
    location: ['', Validators.maxLength(200)],
    startsAt: [localDateTime(new Date(Date.now() + 86_400_000)), Validators.required],
    endsAt: [localDateTime(new Date(Date.now() + 86_400_000 + 3 * 3_600_000)), Validators.required],
    capacity: [10, [Validators.required, Validators.min(1), Validators.max(1000)]],
  });

  protected readonly fields: readonly Field[] = [
    ...postFields('activity', 'volunteer.organize.title'),
    { name: 'location', id: 'activity-location', label: 'volunteer.organize.location' },
    {
      name: 'startsAt',
      id: 'activity-starts',
      label: 'volunteer.organize.startsAt',
      kind: 'datetime',
      required: true,
    },
    {
      name: 'endsAt',
      id: 'activity-ends',
      label: 'volunteer.organize.endsAt',
      kind: 'datetime',
      required: true,
    },
    {
      name: 'capacity',
      id: 'activity-capacity',
      label: 'volunteer.organize.capacity',
      kind: 'number',
      required: true,
      min: 1,
      max: 1000,
    },
  ];

  constructor() {
    reloadOn(this.mine, (list) => this.page.action.run(() => list.reload()));
    loadEach(() => [this.published()], this.page.action);
    if (this.asOrganization()) void this.loadProjects();
    effect(() => {
      const project = this.projects().find((p) => p.id === this.projectId());
      if (project) void this.loadCommunities(project.organizationId);
    });
  }

  /** The first page of both lists again, after a change. */
  private async load(): Promise<void> {
    await Promise.all([this.mine().reload(), this.published().reload()]);
  }

  private async loadProjects(): Promise<void> {
    try {
      const admin = this.adminOf();
      const projects = (await this.page.api.invoke(projectsMine)).filter((p) =>
        admin.includes(p.organizationId),
      );
      this.projects.set(projects);
      this.projectId.set(projects[0]?.id ?? null);
    } catch (err) {
      this.page.action.fail(err);
    }
  }

  private async loadCommunities(organizationId: string): Promise<void> {
    try {
      const [organization] = await Promise.all([
        this.page.api.invoke(organizationsGet, { id: organizationId }),
        this.reference.load(),
      ]);
      const communities = organization.communityIds.map((id) => ({
        id,
        name: this.reference.regionName(id),
      }));
      this.communities.set(communities);
      if (!communities.some((c) => c.id === this.orgCommunity()))
        this.orgCommunity.set(communities[0]?.id ?? null);
    } catch (err) {
      this.page.action.fail(err);
    }
  }

  protected async post(): Promise<void> {
    const communityId = this.communityId();
    const projectId = this.asOrganization() ? this.projectId() : null;
    if (!communityId || this.form.invalid || (this.asOrganization() && !projectId)) return;
    const v = this.form.getRawValue();
    await this.page.act('post', 'volunteer.organize.posted', async () => {
      await this.page.api.invoke(volunteersPostActivity, {
        body: {
          communityId,
          ...(projectId ? { projectId } : {}),
          title: v.title.trim(),
          description: v.description.trim(),
          location: v.location.trim(),
          startsAt: localToInstant(v.startsAt) ?? '',
          endsAt: localToInstant(v.endsAt) ?? '',
          capacity: v.capacity,
        },
      });
      this.form.patchValue({ title: '', description: '' });
    });
  }

  protected key(a: ActivityDto, p: ParticipantDto): string {
    return `${a.id}:${p.volunteerId}`;
  }

  /**
   * Records a volunteer's hours, then reads that activity's volunteers again in its place (the list
   * keeps the pages loaded and where one was), and the community's published hours, which gain them.
   */
  protected async record(a: ActivityDto, p: ParticipantDto): Promise<void> {
    const minutes = this.minutes[this.key(a, p)] ?? 0;
    await this.page.action.run(
      async () => {
        await this.page.api.invoke(volunteersRecordHours, {
          id: a.id,
          body: { volunteerId: p.volunteerId, minutes },
        });
        const participants = await this.page.api.invoke(volunteersParticipants, { id: a.id });
        this.mine().items.update((shown) => shown.map((x) => (x.id === a.id ? { ...x, participants } : x)));
        await this.published().reload();
      },
      { key: this.key(a, p), notice: 'volunteer.organize.recorded' },
    );
  }

  protected resolve(h: PublishedHoursDto, decision: 'uphold' | 'dismiss'): Promise<void> {
    return this.page.act(h.id, `volunteer.organize.${decision}d` as I18nKey, () =>
      this.page.api.invoke(volunteersResolve, {
        id: h.id,
        body: { decision, reason: this.t(`volunteer.organize.${decision}Reason` as I18nKey) },
      }),
    );
  }
}
