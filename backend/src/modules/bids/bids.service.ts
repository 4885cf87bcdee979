import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, canonicalJson } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { checkEligibility } from '../organizations/eligibility.js';
import { Tender } from '../tenders/tender.entity.js';
import { BidDto, ReceiptCheckDto, SubmitBidDto, SubmittedBidDto } from './dto/bid.dto.js';

const BID_SELECT = `SELECT b.id, b.tender_id AS "tenderId", b.organization_id AS "organizationId", o.name AS "organizationName", b.status,
    b.price_fen::float8 AS "priceFen", b.proposal, b.team, b.offered_kpis AS "offeredKpis", b.receipt_hash AS "receiptHash",
    b.submitted_at AS "submittedAt", b.withdrawn_at AS "withdrawnAt"
  FROM bids b JOIN organizations o ON o.id = b.organization_id`;

interface StoredBid {
  tenderId: string;
  organizationId: string;
  priceFen: number;
  currency: string;
  proposal: string;
  team: string[];
  offeredKpis: object;
  submittedAt: Date;
}

/** The document a receipt hashes: exactly the submitted content, with the server's submission time. */
export function receiptDocument(bid: StoredBid): string {
  return canonicalJson({ ...bid, team: [...bid.team].sort(), submittedAt: bid.submittedAt.toISOString() });
}
export const receiptHash = (document: string) => createHash('sha256').update(document).digest('hex');

/**
 * Sealed bids. Before the deadline a bid's content is readable by the bidding organization's
 * admins alone; to everyone else it does not exist (404, never 403, so not even its existence leaks).
 */
@Injectable()
export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async submit(user: AuthUser, tenderId: string, dto: SubmitBidDto): Promise<SubmittedBidDto> {
    this.access.requireOrganization(user, ['org_admin'], dto.organizationId);
    return this.dataSource.transaction(async (m) => {
      // A share lock: bids may arrive together, but not while the deadline job or an amendment changes the tender.
      const t = await m.findOne(Tender, { where: { id: tenderId }, lock: { mode: 'pessimistic_read' } });
      if (!t || t.status === 'draft') throw notFound('Tender', tenderId);
      const [{ now }]: { now: Date }[] = await m.query(`SELECT clock_timestamp() AS now`);
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
      const eligibility = await checkEligibility(m, dto.organizationId, {
        categories: [t.categoryCode],
        minGrade: t.minGrade ?? undefined,
        bidding: true,
      });
      if (!eligibility.eligible) {
        throw new DomainError(
          'organization.ineligible',
          eligibility.reasons.map((r) => r.message).join('; '),
          { reasons: eligibility.reasons },
        );
      }
      if (dto.priceFen > t.budgetCeilingFen) {
        throw new DomainError('validation.failed', 'The price is above the budget ceiling', {
          field: 'priceFen',
          ceilingFen: t.budgetCeilingFen,
        });
      }
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM organization_members WHERE id = ANY($1::uuid[]) AND organization_id = $2 AND status = 'active'`,
        [dto.team, dto.organizationId],
      );
      if (n !== dto.team.length)
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
      };
      const document = receiptDocument(stored);
      const hash = receiptHash(document);
      // The partial unique index keeps one live bid per organization, whatever the concurrency.
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO bids (tender_id, organization_id, price_fen, proposal, team, offered_kpis, receipt_hash, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
        [
          tenderId,
          dto.organizationId,
          dto.priceFen,
          dto.proposal,
          dto.team,
          stored.offeredKpis,
          hash,
          user.id,
          now,
        ],
      );
      if (!inserted.length) {
        throw new DomainError(
          'state.conflict',
          'Your organization already has a live bid on this tender: withdraw it first to submit another',
        );
      }
      const id = inserted[0].id;
      // The audit keeps the receipt hash, not the sealed content.
      await this.audit.record(m, {
        actorId: user.id,
        action: 'bid.submitted',
        entityType: 'bid',
        entityId: id,
        after: { tenderId, organizationId: dto.organizationId, receiptHash: hash },
      });
      return { bid: await this.one(m, id), receipt: { hash, document, submittedAt: now } };
    });
  }

  async withdraw(user: AuthUser, bidId: string): Promise<BidDto> {
    return this.dataSource.transaction(async (m) => {
      const [bid]: { organization_id: string; tender_id: string; status: string }[] = await m.query(
        `SELECT organization_id, tender_id, status FROM bids WHERE id = $1 FOR UPDATE`,
        [bidId],
      );
      if (!bid || !this.isOwnBid(user, bid.organization_id)) throw notFound('Bid', bidId);
      const t = await m.findOne(Tender, { where: { id: bid.tender_id }, lock: { mode: 'pessimistic_read' } });
      const [{ now }]: { now: Date }[] = await m.query(`SELECT clock_timestamp() AS now`);
      if (!t || t.status !== 'published' || now.getTime() >= t.bidDeadline.getTime())
        throw new DomainError('tender.closed', 'Bids can no longer be withdrawn');
      if (bid.status !== 'submitted')
        throw new DomainError('state.invalid_transition', `The bid is ${bid.status}`);
      await m.query(`UPDATE bids SET status = 'withdrawn', withdrawn_at = $2 WHERE id = $1`, [bidId, now]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'bid.withdrawn',
        entityType: 'bid',
        entityId: bidId,
        before: { status: 'submitted' },
        after: { status: 'withdrawn' },
      });
      return this.one(m, bidId);
    });
  }

  /** The caller's organizations' bids on a tender (withdrawn ones included). */
  async mine(user: AuthUser, tenderId: string): Promise<BidDto[]> {
    const orgs = this.adminOrgs(user);
    return this.dataSource.query(
      `${BID_SELECT} WHERE b.tender_id = $1 AND b.organization_id = ANY($2::uuid[]) ORDER BY b.submitted_at`,
      [tenderId, orgs],
    );
  }

  /**
   * Reads one bid: its own organization always; after the deadline, the tender's street office too.
   * Everyone else — and everyone before the deadline — gets 404.
   */
  async get(user: AuthUser, bidId: string): Promise<BidDto> {
    const bid = await this.one(this.dataSource.manager, bidId);
    if (!bid) throw notFound('Bid', bidId);
    if (this.isOwnBid(user, bid.organizationId)) return bid;
    const [t]: { street_id: string; status: string }[] = await this.dataSource.query(
      `SELECT street_id, status FROM tenders WHERE id = $1`,
      [bid.tenderId],
    );
    const opened = t && !['draft', 'published'].includes(t.status);
    const officer = opened && (await this.access.canActInRegion(user, ['street_officer'], t.street_id));
    if (!officer) throw notFound('Bid', bidId);
    return bid;
  }

  async verifyReceipt(user: AuthUser, bidId: string, hash: string): Promise<ReceiptCheckDto> {
    const [row] = await this.dataSource.query(
      `SELECT b.tender_id, b.organization_id, b.price_fen::float8 AS price_fen, t.currency, b.proposal, b.team, b.offered_kpis,
              b.submitted_at, b.receipt_hash
         FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE b.id = $1`,
      [bidId],
    );
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
      }),
    );
    return { valid: recomputed === hash && row.receipt_hash === hash, storedHash: recomputed };
  }

  private isOwnBid(user: AuthUser, organizationId: string): boolean {
    return this.access.isOrgAdmin(user, organizationId);
  }

  private adminOrgs(user: AuthUser): string[] {
    return this.access.orgAdminOf(user);
  }

  private async one(m: EntityManager, id: string): Promise<BidDto> {
    const [row] = await m.query(`${BID_SELECT} WHERE b.id = $1`, [id]);
    return row;
  }
}
