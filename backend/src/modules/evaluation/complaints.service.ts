import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { asBidder, lockTender } from '../tenders/tender-lock.js';
import { tenderTransition } from '../tenders/tender-rules.js';
import { Tender } from '../tenders/tender.entity.js';
import * as sql from './complaints.sql.js';
import { ComplaintDecisionDto, ComplaintDto, ComplaintInputDto } from './dto/evaluation.dto.js';
import { undoAward } from './evaluation.sql.js';

/** Bidders' complaints about an award during the standstill, and the street office's decisions (PRODUCT §4). */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async complain(user: AuthUser, tenderId: string, dto: ComplaintInputDto): Promise<ComplaintDto> {
    return asBidder(this.dataSource, this.access, user, tenderId, dto.organizationId, async (m, t) => {
      if (t.status !== 'standstill' || !t.standstillEndsAt || t.standstillEndsAt.getTime() <= Date.now()) {
        throw new DomainError('tender.closed', 'Complaints are accepted during the standstill period only');
      }
      if (!(await sql.hasLiveBid(m, tenderId, dto.organizationId)))
        throw new DomainError('auth.forbidden', 'Only bidders may complain about the award');
      const id = await sql.insertComplaint(m, tenderId, dto.organizationId, dto.reason);
      await this.audit.recordChange(m, user.id, 'tender.complaint_lodged', ['tender_complaint', id], {
        after: { tenderId, ...dto },
      });
      return sql.complaintView(m, id);
    });
  }

  /** Upholding sends the tender back to evaluation (the award is undone); dismissing keeps it. */
  async decide(user: AuthUser, complaintId: string, dto: ComplaintDecisionDto): Promise<ComplaintDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await sql.lockComplaint(m, complaintId);
      if (!c) throw notFound('Complaint', complaintId);
      const t = await lockTender(m, c.tender_id, { hideDraft: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      if (c.status !== 'pending')
        throw new DomainError('state.invalid_transition', `The complaint was already ${c.status}`);
      const status = dto.uphold ? 'upheld' : 'dismissed';
      await sql.decideComplaint(m, complaintId, { status, reason: dto.reason, decidedBy: user.id });
      if (dto.uphold) {
        const next = tenderTransition(t.status, 'reevaluate');
        await undoAward(m, t.id, next);
        await this.audit.recordStatusChange(m, user.id, 'tender.reevaluation', ['tender', t.id], t.status, {
          status: next,
          complaintId,
        });
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: `tender.complaint_${status}`,
        entityType: 'tender_complaint',
        entityId: complaintId,
        before: { status: 'pending' },
        after: { status, reason: dto.reason },
      });
      return sql.complaintView(m, complaintId);
    });
  }

  /** The street office sees every complaint of the tender; a bidder its own organizations'. */
  async complaints(user: AuthUser, tenderId: string): Promise<ComplaintDto[]> {
    const t = await this.dataSource.manager.findOne(Tender, { where: { id: tenderId } });
    if (!t) throw notFound('Tender', tenderId);
    const own = this.access.orgAdminOf(user);
    const officer = await this.access.canActInRegion(user, ['street_officer'], t.streetId);
    return sql.complaintsOf(this.dataSource, tenderId, officer, own);
  }
}
