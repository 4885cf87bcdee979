import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, canonicalJson } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import type { Queryable } from '../../common/database/queryable.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { DocumentSeals } from '../documents/document-seals.service.js';
import { DocumentSubjects } from '../documents/document-subjects.js';
import { DocumentsService } from '../documents/documents.service.js';
import { requireEligibleBidder } from '../tenders/tender-eligibility.js';
import { asBidder } from '../tenders/tender-lock.js';
import { Tender } from '../tenders/tender.entity.js';
import * as sql from './bids.sql.js';
import type { TenderSummaryDto } from '../tenders/dto/tender.dto.js';
import { BidDto, MyBidDto, ReceiptCheckDto, SubmitBidDto, SubmittedBidDto } from './dto/bid.dto.js';

interface StoredBid {
  tenderId: string;
  organizationId: string;
  priceFen: number;
  currency: string;
  proposal: string;
  team: string[];
  offeredKpis: object;
  submittedAt: Date;
  /** The bid's files by name and SHA-256; absent (not empty) without files, as receipts before files were. */
  files?: { fileName: string; sha256: string }[];
}

/**
 * The document a receipt hashes: exactly the submitted content, with the server's submission time
 * and, when the bid has files, the name and SHA-256 of each (so the receipt covers their bytes).
 */
export function receiptDocument({ files, ...bid }: StoredBid): string {
  const sorted = [...(files ?? [])]
    .map(({ fileName, sha256 }) => ({ fileName, sha256 }))
    .sort((a, b) => a.sha256.localeCompare(b.sha256) || a.fileName.localeCompare(b.fileName));
  return canonicalJson({
    ...bid,
    team: [...bid.team].sort(),
    submittedAt: bid.submittedAt.toISOString(),
    ...(sorted.length ? { files: sorted } : {}),
  });
}
export const receiptHash = (document: string) => createHash('sha256').update(document).digest('hex');

/**
 * Sealed bids. Before the deadline a bid's content is readable by the bidding organization's
 * admins alone; to everyone else it does not exist (404, never 403, so not even its existence leaks).
 */
@Injectable()
export class BidsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly seals: DocumentSeals,
    private readonly subjects: DocumentSubjects,
  ) {}

  /** A bid's files are for whoever may read the bid (their content stays sealed until the deadline). */
  onModuleInit(): void {
    this.subjects.register('bid', { canView: (user, id) => this.canView(user, id) });
  }

  async submit(user: AuthUser, tenderId: string, dto: SubmitBidDto): Promise<SubmittedBidDto> {
    const { submitted, plainCopies } = await asBidder(
      this.dataSource,
      this.access,
      user,
      tenderId,
      dto.organizationId,
      async (m, t) => {
        const now = await sql.clockNow(m);
        if (t.status !== 'published' || now.getTime() >= t.bidDeadline.getTime()) {
          throw new DomainError('tender.closed', 'Bidding on this tender is closed', {
            bidDeadline: t.bidDeadline,
          });
        }
        if (t.invitedOrganizationId && t.invitedOrganizationId !== dto.organizationId) {
          throw new DomainError(
            'organization.ineligible',
            `Only the invited organization may bid in a ${t.method} procurement`,
          );
        }
        await requireEligibleBidder(m, dto.organizationId, t);
        if (dto.priceFen > t.budgetCeilingFen) {
          throw new DomainError('validation.failed', 'The price is above the budget ceiling', {
            field: 'priceFen',
            ceilingFen: t.budgetCeilingFen,
          });
        }
        if ((await sql.activeMembersAmong(m, dto.organizationId, dto.team)) !== dto.team.length)
          throw new DomainError('validation.failed', 'The team must be active members of the organization', {
            field: 'team',
          });

        const stored: StoredBid = {
          tenderId,
          organizationId: dto.organizationId,
          priceFen: dto.priceFen,
          currency: t.currency,
          proposal: dto.proposal,
          team: dto.team,
          offeredKpis: { ...dto.offeredKpis },
          submittedAt: now,
          files: await sql.fileHashes(m, dto.documentIds ?? []),
        };
        const document = receiptDocument(stored);
        const hash = receiptHash(document);
        const id = await sql.insertBid(m, {
          ...stored,
          receiptHash: hash,
          submittedBy: user.id,
        });
        if (!id) {
          throw new DomainError(
            'state.conflict',
            'Your organization already has a live bid on this tender: withdraw it first to submit another',
          );
        }
        const plainCopies = await this.attachSealed(m, user, id, dto, t);
        // The audit keeps the receipt hash, not the sealed content.
        await this.audit.recordChange(m, user.id, 'bid.submitted', ['bid', id], {
          after: { tenderId, organizationId: dto.organizationId, receiptHash: hash },
        });
        const submitted = {
          id,
          bid: await this.oneView(m, id),
          receipt: { hash, document, submittedAt: now },
        };
        return { submitted, plainCopies };
      },
    );
    await this.seals.discard(plainCopies);
    return submitted;
  }

  /** Attaches the bid's files and seals them for the tender; returns the plain copies to delete after the commit. */
  private async attachSealed(
    m: EntityManager,
    user: AuthUser,
    bidId: string,
    dto: SubmitBidDto,
    t: Tender,
  ): Promise<string[]> {
    if (!dto.documentIds?.length) return [];
    if (!t.sealId)
      throw new DomainError('validation.failed', 'This tender was published before bids took files', {
        field: 'documentIds',
      });
    await this.documents.attach(m, user, dto.documentIds, {
      type: 'bid',
      id: bidId,
      organizationId: dto.organizationId,
    });
    return this.seals.seal(m, dto.documentIds, t.sealId);
  }

  async withdraw(user: AuthUser, bidId: string): Promise<BidDto> {
    return this.dataSource.transaction(async (m) => {
      const bid = await sql.lockBid(m, bidId);
      if (!bid || !this.isOwnBid(user, bid.organization_id)) throw notFound('Bid', bidId);
      const t = await m.findOne(Tender, { where: { id: bid.tender_id }, lock: { mode: 'pessimistic_read' } });
      const now = await sql.clockNow(m);
      if (!t || t.status !== 'published' || now.getTime() >= t.bidDeadline.getTime())
        throw new DomainError('tender.closed', 'Bids can no longer be withdrawn');
      if (bid.status !== 'submitted')
        throw new DomainError('state.invalid_transition', `The bid is ${bid.status}`);
      await sql.markWithdrawn(m, bidId, now);
      await this.audit.recordStatusChange(m, user.id, 'bid.withdrawn', ['bid', bidId], 'submitted', {
        status: 'withdrawn',
      });
      return this.oneView(m, bidId);
    });
  }

  /** The caller's organizations' bids on a tender (withdrawn ones included). */
  async mine(user: AuthUser, tenderId: string): Promise<BidDto[]> {
    return sql.bidsOfTender(this.dataSource, tenderId, { organizationIds: this.access.orgAdminOf(user) });
  }

  /** The bids of the organizations the caller administers, the latest first, each with its tender. */
  async listMine(user: AuthUser, query: PageQueryDto): Promise<Page<MyBidDto>> {
    const page = await timeKeyedPage(query, (keyset) =>
      sql.bidsOfOrganizations(this.dataSource, this.access.orgAdminOf(user), keyset),
    );
    const tenders = await sql.tenderSummariesOf(this.dataSource, [
      ...new Set(page.items.map((b) => b.tender)),
    ]);
    return { ...page, items: page.items.map((b) => ({ ...b, tender: tenders.get(b.tender)! })) };
  }

  /**
   * Tenders open for bids on which none of the caller's verified organizations has a live bid (what
   * the home page counts as bids due), the earliest deadline first.
   */
  due(user: AuthUser, query: PageQueryDto): Promise<Page<TenderSummaryDto>> {
    return timeKeyedPage(query, (keyset) =>
      sql.tendersDueABid(this.dataSource, this.access.orgAdminOf(user), keyset),
    );
  }

  /**
   * Reads one bid: its own organization always; after the deadline, the tender's street office too.
   * Everyone else — and everyone before the deadline — gets 404.
   */
  async get(user: AuthUser, bidId: string): Promise<BidDto> {
    const bid = await sql.bidView(this.dataSource, bidId);
    if (!bid || !(await this.mayRead(user, bid))) throw notFound('Bid', bidId);
    return bid;
  }

  private async canView(user: AuthUser, bidId: string): Promise<boolean> {
    const bid = await sql.bidView(this.dataSource, bidId);
    return bid !== undefined && (await this.mayRead(user, bid));
  }

  private async mayRead(user: AuthUser, bid: { organizationId: string; tenderId: string }): Promise<boolean> {
    if (this.isOwnBid(user, bid.organizationId)) return true;
    const t = await this.dataSource.getRepository(Tender).findOneBy({ id: bid.tenderId });
    const opened = t && !['draft', 'published'].includes(t.status);
    return !!opened && (await this.access.canActInRegion(user, ['street_officer'], t.streetId));
  }

  async verifyReceipt(user: AuthUser, bidId: string, hash: string): Promise<ReceiptCheckDto> {
    const row = await sql.receiptSource(this.dataSource, bidId);
    if (!row || !this.isOwnBid(user, row.organization_id)) throw notFound('Bid', bidId);
    // Recomputed from what is stored now, so a changed bid no longer matches its receipt.
    const recomputed = receiptHash(
      receiptDocument({
        tenderId: row.tender_id,
        organizationId: row.organization_id,
        priceFen: row.price_fen,
        currency: row.currency,
        proposal: row.proposal,
        team: row.team,
        offeredKpis: row.offered_kpis,
        submittedAt: row.submitted_at,
        files: row.files,
      }),
    );
    return { valid: recomputed === hash && row.receipt_hash === hash, storedHash: recomputed };
  }

  private isOwnBid(user: AuthUser, organizationId: string): boolean {
    return this.access.isOrgAdmin(user, organizationId);
  }

  private async oneView(m: Queryable, id: string): Promise<BidDto> {
    return (await sql.bidView(m, id))!;
  }
}
