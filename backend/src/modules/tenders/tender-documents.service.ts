import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DocumentSubjects } from '../documents/document-subjects.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { TenderDto } from './dto/tender.dto.js';
import { lockTender } from './tender-lock.js';
import { Tender } from './tender.entity.js';
import { TendersService } from './tenders.service.js';

/**
 * The tender documents (terms, budget tables): attached by the street's officers to a draft or a
 * published tender, readable by the street office while a draft and by anyone signed in once published.
 */
@Injectable()
export class TenderDocumentsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly documents: DocumentsService,
    private readonly subjects: DocumentSubjects,
    private readonly tenders: TendersService,
  ) {}

  onModuleInit(): void {
    this.subjects.register('tender', { canView: (user, id) => this.canView(user, id) });
  }

  async attach(user: AuthUser, tenderId: string, documentIds: string[]): Promise<TenderDto> {
    await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId);
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      if (!['draft', 'published'].includes(t.status))
        throw new DomainError(
          'state.invalid_transition',
          `Documents are attached to a draft or published tender; this one is ${t.status}`,
        );
      await this.documents.attach(m, user, documentIds, {
        type: 'tender',
        id: tenderId,
        streetId: t.streetId,
      });
    });
    return this.tenders.view(this.dataSource.manager, tenderId);
  }

  private async canView(user: AuthUser, tenderId: string): Promise<boolean> {
    const t = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!t) return false;
    return t.status !== 'draft' || this.access.canActInRegion(user, ['street_officer'], t.streetId);
  }
}
