import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { AnswerDto, EnquiryDto, EnquiryInputDto } from './dto/tender.dto.js';
import { asBidder, lockTender } from './tender-lock.js';
import { TendersService } from './tenders.service.js';
import * as sql from './tenders.sql.js';

/** Bidders' questions on a published tender and the street office's public answers. */
@Injectable()
export class TenderEnquiriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
  ) {}

  /** A bidder asks; the question is stored with its organization but shown to everyone without it. */
  async ask(user: AuthUser, tenderId: string, dto: EnquiryInputDto): Promise<EnquiryDto> {
    return asBidder(this.dataSource, this.access, user, tenderId, dto.organizationId, async (m, t) => {
      if (t.status !== 'published')
        throw new DomainError('tender.closed', 'The tender is not open for enquiries');
      if (Date.now() > t.enquiryDeadline.getTime())
        throw new DomainError('tender.closed', 'The enquiry deadline has passed');
      const row = await sql.insertEnquiry(m, tenderId, dto.organizationId, dto.question);
      await this.audit.recordChange(m, user.id, 'tender.enquiry_asked', ['tender', tenderId], {
        after: { enquiryId: row.id, organizationId: dto.organizationId },
      });
      return row;
    });
  }

  async answer(user: AuthUser, tenderId: string, enquiryId: string, dto: AnswerDto): Promise<EnquiryDto> {
    return this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId, { share: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      const row = await sql.answerEnquiry(m, tenderId, enquiryId, dto.answer);
      if (!row) throw notFound('Enquiry', enquiryId);
      await this.audit.recordChange(m, user.id, 'tender.enquiry_answered', ['tender', tenderId], {
        after: { enquiryId, answer: dto.answer },
      });
      return row;
    });
  }

  /** Answered enquiries for everyone; the street office also sees the unanswered ones. Never who asked. */
  async enquiries(user: AuthUser | undefined, tenderId: string): Promise<EnquiryDto[]> {
    const tender = await this.tenders.get(user, tenderId);
    const officer = user
      ? await this.access.canActInRegion(user, ['street_officer'], tender.streetId)
      : false;
    return sql.enquiriesOf(this.dataSource, tenderId, officer);
  }
}
