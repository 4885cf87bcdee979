import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import type { Page } from '../../common/pagination/page.js';
import { requireLiveRegions } from '../regions/live-regions.js';
import {
  ActivitiesQueryDto,
  ActivityDto,
  type OrganizedActivityDto,
  ParticipantDto,
  PostActivityDto,
  SignupDto,
  VolunteerDto,
  VolunteerProfileInputDto,
} from './dto/volunteers.dto.js';
import * as sql from './volunteers.sql.js';

/** Who sees a community's volunteer activities. */
const COMMUNITY_ROLES = ['resident', 'community_staff', 'street_officer'] as const;

/** Volunteers (志愿者) register, activities are posted, volunteers sign up within the capacity. */
@Injectable()
export class VolunteersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async me(user: AuthUser): Promise<VolunteerDto> {
    return this.requireVolunteer(this.dataSource, user.id);
  }

  /** Registers the resident as a volunteer, or updates their profile (If-Match: the version shown). */
  async saveProfile(
    user: AuthUser,
    dto: VolunteerProfileInputDto,
    expected: number | undefined,
  ): Promise<{ created: boolean; volunteer: VolunteerDto }> {
    return this.dataSource.transaction(async (m) => {
      await this.access.requireRegion(user, ['resident'], dto.communityId, m);
      await requireLiveRegions(m, [dto.communityId], { level: 'community', field: 'communityId' });
      const profile = { ...dto, skills: [...new Set(dto.skills)] };
      const before = await sql.lockVolunteer(m, user.id);
      if (before) {
        requireVersion(expected, before.version);
        await sql.updateVolunteer(m, user.id, profile);
      } else if (!(await sql.insertVolunteer(m, user.id, profile))) {
        throw new DomainError(
          'state.conflict',
          'You registered as a volunteer a moment ago: reload and edit',
        );
      }
      await this.audit.recordChange(
        m,
        user.id,
        before ? 'volunteer.updated' : 'volunteer.registered',
        ['volunteer', user.id],
        {
          after: profile,
        },
      );
      return { created: !before, volunteer: await this.requireVolunteer(m, user.id) };
    });
  }

  /**
   * An organization's admin posts an activity in one of its projects; community staff post one in
   * their community (in a project that serves it, or in none). The poster organizes it and records
   * its hours.
   */
  async postActivity(user: AuthUser, dto: PostActivityDto): Promise<ActivityDto> {
    if (new Date(dto.endsAt) <= new Date(dto.startsAt))
      throw new DomainError('validation.failed', 'An activity ends after it starts', { field: 'endsAt' });
    if (new Date(dto.endsAt) <= new Date())
      throw new DomainError('validation.failed', 'An activity that is over cannot be posted', {
        field: 'endsAt',
      });
    return this.dataSource.transaction(async (m) => {
      await requireLiveRegions(m, [dto.communityId], { level: 'community', field: 'communityId' });
      let organizationId: string | null = null;
      if (dto.projectId) {
        const project = await sql.projectOrganization(m, dto.projectId, dto.communityId);
        if (!project) throw notFound('Project', dto.projectId);
        // Whoever posts (the community's staff or the organization), a project's activity is held
        // in a community the project serves.
        if (!project.serves)
          throw new DomainError('validation.failed', 'The project does not serve this community', {
            field: 'communityId',
          });
        organizationId = project.organization_id;
      }
      const asStaff = await this.access.canActInRegion(user, ['community_staff'], dto.communityId, m);
      const asOrg =
        organizationId !== null && this.access.canActForOrganization(user, ['org_admin'], organizationId);
      if (!asStaff && !asOrg) {
        if (!dto.projectId && this.access.orgAdminOf(user).length > 0)
          throw new DomainError(
            'validation.failed',
            "An organization's activity belongs to one of its projects",
            {
              field: 'projectId',
            },
          );
        throw new DomainError(
          'auth.out_of_scope',
          'You may post activities only in your community or your projects',
        );
      }
      const id = await sql.insertActivity(m, {
        ...dto,
        projectId: dto.projectId ?? null,
        organizationId,
        organizerId: user.id,
      });
      await this.audit.recordChange(m, user.id, 'volunteer_activity.posted', ['volunteer_activity', id], {
        after: { ...dto },
      });
      return this.activity(m, id, user.id);
    });
  }

  async getActivity(user: AuthUser, id: string): Promise<ActivityDto> {
    const activity = await this.activity(this.dataSource, id, user.id);
    if (!activity.organizedByMe) await this.access.requireRegion(user, COMMUNITY_ROLES, activity.communityId);
    return activity;
  }

  async activities(
    user: AuthUser,
    communityId: string,
    query: ActivitiesQueryDto,
  ): Promise<Page<ActivityDto>> {
    await this.access.requireRegion(user, COMMUNITY_ROLES, communityId);
    return timeKeyedPage(query, (keyset) =>
      sql.activitiesOfCommunity(this.dataSource, user.id, communityId, query.q, keyset),
    );
  }

  /**
   * The activities the caller organizes, and for an organization's admin those in the
   * organization's projects (whoever posted them): latest first, ended ones too.
   */
  /** The activities the caller organizes, each with its volunteers (theirs to see, as `participants`). */
  async organized(user: AuthUser, query: ActivitiesQueryDto): Promise<Page<OrganizedActivityDto>> {
    const page = await timeKeyedPage(query, (keyset) =>
      sql.organizedActivities(this.dataSource, user.id, this.access.orgAdminOf(user), query.q, keyset),
    );
    const participants = await sql.participantsOf(
      this.dataSource,
      page.items.map((a) => a.id),
    );
    return { ...page, items: page.items.map((a) => ({ ...a, participants: participants.get(a.id)! })) };
  }

  /**
   * A volunteer of the activity's community signs up, once. The place is taken by one UPDATE that
   * the database runs one at a time per activity: concurrent sign-ups never pass the capacity.
   */
  async signUp(user: AuthUser, activityId: string): Promise<SignupDto> {
    return this.dataSource.transaction(async (m) => {
      const activity = await sql.activityScope(m, activityId);
      if (!activity) throw notFound('Volunteer activity', activityId);
      await this.access.requireRegion(user, ['resident'], activity.community_id, m);
      await this.requireVolunteer(m, user.id);
      if (!(await sql.insertSignup(m, activityId, user.id)))
        throw new DomainError('state.conflict', 'You are signed up for this activity already');
      if (!(await sql.takePlace(m, activityId))) {
        if (activity.ends_at <= new Date())
          throw new DomainError('state.invalid_transition', 'The activity is over');
        throw new DomainError('activity.full', 'Every place of this activity is taken');
      }
      await this.audit.recordChange(m, user.id, 'volunteer.signed_up', ['volunteer_activity', activityId], {
        after: { volunteerId: user.id },
      });
      return { activityId, volunteerId: user.id, createdAt: new Date() };
    });
  }

  /**
   * The volunteer withdraws their own sign-up before the activity starts, giving the place back.
   * Not once hours are recorded for it (the sign-up is locked first, so recording hours waits or
   * has happened) nor once the activity has started (decided by the UPDATE that frees the place).
   */
  async withdraw(user: AuthUser, activityId: string, volunteerId: string): Promise<void> {
    if (volunteerId !== user.id)
      throw new DomainError('auth.out_of_scope', 'You may withdraw only your own sign-up');
    await this.dataSource.transaction(async (m) => {
      const activity = await sql.activityScope(m, activityId);
      if (!activity) throw notFound('Volunteer activity', activityId);
      if (!(await sql.lockSignup(m, activityId, user.id))) throw notFound('Sign-up', activityId);
      if (await sql.hasHours(m, activityId, user.id))
        throw new DomainError(
          'state.invalid_transition',
          'Your hours for this activity are recorded: the sign-up can no longer be withdrawn',
        );
      if (!(await sql.freePlace(m, activityId)))
        throw new DomainError(
          'state.invalid_transition',
          'The activity has started: the sign-up can no longer be withdrawn',
        );
      await sql.deleteSignup(m, activityId, user.id);
      await this.audit.recordChange(m, user.id, 'volunteer.withdrawn', ['volunteer_activity', activityId], {
        before: { volunteerId: user.id },
      });
    });
  }

  /**
   * The activity's sign-ups and their hours: for its organizer, its community's staff and the
   * admins of the organization whose project it belongs to.
   */
  async participants(user: AuthUser, activityId: string): Promise<ParticipantDto[]> {
    const activity = await sql.activityScope(this.dataSource, activityId);
    if (!activity) throw notFound('Volunteer activity', activityId);
    const ownOrganization =
      activity.organization_id !== null &&
      this.access.canActForOrganization(user, ['org_admin'], activity.organization_id);
    if (activity.organizer_id !== user.id && !ownOrganization)
      await this.access.requireRegion(user, ['community_staff'], activity.community_id);
    return (await sql.participantsOf(this.dataSource, [activityId])).get(activityId)!;
  }

  async requireVolunteer(db: Queryable | EntityManager, userId: string): Promise<VolunteerDto> {
    const volunteer = await sql.volunteerOf(db, userId);
    if (!volunteer) throw notFound('Volunteer profile', userId);
    return volunteer;
  }

  private async activity(db: Queryable, id: string, viewerId: string): Promise<ActivityDto> {
    const activity = await sql.activityById(db, id, viewerId);
    if (!activity) throw notFound('Volunteer activity', id);
    return activity;
  }
}
