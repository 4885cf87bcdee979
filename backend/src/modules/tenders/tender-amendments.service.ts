import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { AmendmentDto, TenderDto } from './dto/tender.dto.js';
import { lockTender } from './tender-lock.js';
import { TenderSchedule } from './tender-schedule.js';
import { TendersService } from './tenders.service.js';
import * as sql from './tenders.sql.js';

const DAY_MS = 24 * 3600 * 1000;

/** Changes published on an open tender, each with its summary; every bidder is told. */
@Injectable()
export class TenderAmendmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly schedule: TenderSchedule,
    private readonly jobs: JobQueue,
    private readonly env: Env,
  ) {}

  /**
   * Publishes a change. When the bid deadline would then be nearer than AMENDMENT_MIN_DAYS, it is
   * pushed out so bidders have time to react; every bidder is told.
   */
  async amend(user: AuthUser, id: string, dto: AmendmentDto): Promise<TenderDto> {
    const { amendmentId, deadline, changed } = await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, id);
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      if (t.status !== 'published')
        throw new DomainError('state.invalid_transition', `A ${t.status} tender cannot be amended`);
      const now = Date.now();
      let bidDeadline = dto.bidDeadline ?? t.bidDeadline;
      const enquiryDeadline = dto.enquiryDeadline ?? t.enquiryDeadline;
      if (bidDeadline.getTime() <= now)
        throw new DomainError('validation.failed', 'The bid deadline must be in the future', {
          field: 'bidDeadline',
        });
      const minimum = now + this.env.AMENDMENT_MIN_DAYS * DAY_MS;
      const extended = bidDeadline.getTime() < minimum;
      if (extended) bidDeadline = new Date(minimum);
      if (enquiryDeadline.getTime() > bidDeadline.getTime()) {
        throw new DomainError(
          'validation.failed',
          'The enquiry deadline must not be after the bid deadline',
          { field: 'enquiryDeadline' },
        );
      }
      if (
        dto.budgetCeilingFen !== undefined &&
        (await sql.submittedBidsAbove(m, id, dto.budgetCeilingFen)) > 0
      )
        throw new DomainError(
          'state.conflict',
          'Bids above the new ceiling are already in: lowering it would invalidate them',
          { field: 'budgetCeilingFen' },
        );
      const changes = {
        description: dto.description,
        budgetCeilingFen: dto.budgetCeilingFen,
        enquiryDeadline,
        bidDeadline,
      };
      await sql.amendTerms(m, id, {
        description: dto.description ?? null,
        budgetCeilingFen: dto.budgetCeilingFen ?? null,
        enquiryDeadline,
        bidDeadline,
      });
      const amendmentId = await sql.insertAmendment(m, {
        tenderId: id,
        summary: dto.summary,
        changes,
        extendedTo: extended || dto.bidDeadline ? bidDeadline : null,
        createdBy: user.id,
      });
      await this.audit.recordChange(m, user.id, 'tender.amended', ['tender', id], {
        before: { bidDeadline: t.bidDeadline },
        after: { ...changes, summary: dto.summary, extended },
      });
      return {
        amendmentId,
        deadline: bidDeadline,
        changed: bidDeadline.getTime() !== t.bidDeadline.getTime(),
      };
    });
    if (changed) await this.schedule.close(id, deadline);
    await this.jobs.add(
      'mail.tender_amended',
      { tenderId: id, amendmentId },
      { jobId: `amended-${amendmentId}` },
    );
    return this.tenders.view(this.dataSource.manager, id);
  }
}
