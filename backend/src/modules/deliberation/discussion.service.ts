import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { ConsultationsService } from './consultations.service.js';
import { requireEligible, requireInPeriod } from './consultation-access.js';
import * as sql from './deliberation.sql.js';
import { CommentDto, ConsultationDto, ProposeDto, VoteDto } from './dto/deliberation.dto.js';

/**
 * What residents do in a consultation: vote (once), propose options, comment; and the moderation
 * of proposals and comments, as ratings are moderated (docs/participation.md).
 */
@Injectable()
export class DiscussionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly consultations: ConsultationsService,
  ) {}

  /**
   * One verified resident, one vote: the voter roll's primary key decides between concurrent
   * votes, and the ballot is written in the same transaction. A secret ballot names no voter, and
   * its audit entry says that the resident voted, not for what.
   */
  async vote(user: AuthUser, id: string, dto: VoteDto): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.lockOpen(m, user, id);
      if (!(await sql.addVoter(m, id, user.id)))
        throw new DomainError('vote.already_cast', 'You have already voted on this question');
      if (!(await sql.insertBallot(m, id, dto.optionId, c.secret, user.id)))
        throw new DomainError('validation.failed', 'Choose one of the visible options of this consultation', {
          field: 'optionId',
        });
      await this.audit.recordChange(m, user.id, 'consultation.voted', ['consultation', id], {
        after: c.secret ? { secret: true } : { optionId: dto.optionId },
      });
      return this.consultations.get(user, id, m);
    });
  }

  async propose(user: AuthUser, id: string, dto: ProposeDto): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.lockOpen(m, user, id);
      if (!c.allow_proposals)
        throw new DomainError('state.invalid_transition', 'This consultation takes no proposals');
      const [option] = await sql.insertOptions(m, id, [dto.label], user.id);
      await this.audit.recordChange(m, user.id, 'consultation.proposed', ['consultation_option', option.id], {
        after: { consultationId: id, label: dto.label },
      });
      return this.consultations.get(user, id, m);
    });
  }

  async comment(user: AuthUser, id: string, dto: CommentDto): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (m) => {
      await this.lockOpen(m, user, id);
      const commentId = await sql.insertComment(m, id, user.id, dto.body);
      await this.audit.recordChange(
        m,
        user.id,
        'consultation.commented',
        ['consultation_comment', commentId],
        {
          after: { consultationId: id, body: dto.body },
        },
      );
      return this.consultations.get(user, id, m);
    });
  }

  /** Anyone who reads the consultation may report a proposal or comment: hidden until staff decide. */
  async report(user: AuthUser, kind: sql.Contribution, itemId: string): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (m) => {
      const { item, communityId } = await this.lockItem(m, kind, itemId);
      if (!(await this.consultations.isReader(user, communityId, m))) throw notFound(label(kind), itemId);
      if (item.moderation === 'visible') {
        await sql.setModeration(m, kind, itemId, 'reported');
        await this.audit.recordChange(
          m,
          user.id,
          `consultation_${kind}.reported`,
          [`consultation_${kind}`, itemId],
          {
            before: { moderation: 'visible' },
            after: { moderation: 'reported' },
          },
        );
      }
      return this.consultations.get(user, item.consultation_id, m);
    });
  }

  /** Community staff of the consultation's community hide a proposal or comment, or show it again. */
  async moderate(
    user: AuthUser,
    kind: sql.Contribution,
    itemId: string,
    hide: boolean,
  ): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (m) => {
      const { item, communityId } = await this.lockItem(m, kind, itemId);
      await this.access.requireRegion(user, ['community_staff'], communityId, m);
      const moderation = hide ? 'hidden' : 'visible';
      await sql.setModeration(m, kind, itemId, moderation);
      await this.audit.recordChange(
        m,
        user.id,
        `consultation_${kind}.moderated`,
        [`consultation_${kind}`, itemId],
        {
          before: { moderation: item.moderation },
          after: { moderation },
        },
      );
      return this.consultations.get(user, item.consultation_id, m);
    });
  }

  /** The consultation, share-locked, for an eligible resident while it is open and in its period. */
  private async lockOpen(m: EntityManager, user: AuthUser, id: string): Promise<sql.LockedConsultation> {
    const c = await sql.lockConsultation(m, id);
    if (!c) throw notFound('Consultation', id);
    await this.consultations.requireReader(user, c.community_id, m);
    requireEligible(user, c.region_path);
    requireInPeriod(c);
    return c;
  }

  /** A resident's proposal or a comment (staff-listed options are not moderated: they are 404 here). */
  private async lockItem(m: EntityManager, kind: sql.Contribution, itemId: string) {
    const item = await sql.lockContribution(m, kind, itemId);
    if (!item || !item.authored) throw notFound(label(kind), itemId);
    const c = await sql.lockConsultation(m, item.consultation_id);
    if (!c) throw notFound('Consultation', item.consultation_id);
    return { item, communityId: c.community_id };
  }
}

const label = (kind: sql.Contribution) => (kind === 'option' ? 'Proposal' : 'Comment');
