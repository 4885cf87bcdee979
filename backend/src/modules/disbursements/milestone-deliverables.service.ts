import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Queryable } from '../../common/database/queryable.js';
import { DocumentSubjects } from '../documents/document-subjects.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { DocumentFileDto } from '../documents/dto/document.dto.js';
import { requireDeliverables } from './disbursement-rules.js';
import { communitiesServedBy, milestoneParties } from './disbursements.sql.js';

const PURPOSE = 'milestone_deliverable';
const STREET_READERS = ['street_officer', 'street_finance', 'street_director'] as const;

/**
 * A milestone's deliverables (成果材料): files the organization uploads as `milestone_deliverable`
 * and attaches when it requests the payment, read by those who sign it (community staff of a
 * community the contract serves, the street's officers, finance and director) and counted against
 * the milestone's acceptance rule when community staff accept.
 */
@Injectable()
export class MilestoneDeliverablesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly documents: DocumentsService,
    private readonly subjects: DocumentSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register('milestone', { canView: (user, id) => this.canView(user, id) });
  }

  /**
   * Attaches the request's files to the milestone (in the request's transaction; files still in
   * quarantine may go, infected ones may not) and checks the rule's count of them.
   */
  async attachToRequest(
    m: EntityManager,
    user: AuthUser,
    milestone: { id: string; organization_id: string; min_deliverables: number },
    documentIds: string[],
  ): Promise<void> {
    const subject = { type: 'milestone' as const, id: milestone.id };
    if (documentIds.length)
      await this.documents.attach(
        m,
        user,
        documentIds,
        { ...subject, organizationId: milestone.organization_id },
        { allowPending: true },
      );
    const verdicts = await this.documents.verdictsOf(m, subject, PURPOSE);
    requireDeliverables(milestone.min_deliverables, countsOf(verdicts), 'request');
  }

  /** In the acceptance's transaction: the rule's deliverables are there and checked clean. */
  async requireForAcceptance(m: EntityManager, milestoneId: string, required: number): Promise<void> {
    const verdicts = await this.documents.verdictsOf(m, { type: 'milestone', id: milestoneId }, PURPOSE);
    requireDeliverables(required, countsOf(verdicts), 'accept');
  }

  /** The deliverables of each milestone of a page of disbursements. */
  filesOf(db: Queryable, milestoneIds: string[]): Promise<Map<string, DocumentFileDto[]>> {
    return this.documents.listForEach(db, 'milestone', [...new Set(milestoneIds)]);
  }

  /** Those who see the milestone's payments read its deliverables (the organization's members already do). */
  private async canView(user: AuthUser, milestoneId: string): Promise<boolean> {
    const ms = await milestoneParties(this.dataSource, milestoneId);
    if (!ms) return false;
    if (this.access.isOrgAdmin(user, ms.organization_id)) return true;
    if (await this.access.canActInRegion(user, [...STREET_READERS], ms.street_id)) return true;
    for (const c of await communitiesServedBy(this.dataSource, ms.contract_id))
      if (await this.access.canActInRegion(user, ['community_staff'], c.id)) return true;
    return false;
  }
}

const countsOf = (v: { clean: number; pending_scan: number; infected: number }) => ({
  clean: v.clean,
  pending: v.pending_scan,
  infected: v.infected,
});
