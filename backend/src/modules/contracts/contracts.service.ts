import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { splitAmount } from '../evaluation/formulas.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { lockTender } from '../tenders/tender-lock.js';
import { tenderTransition } from '../tenders/tender-rules.js';
import { setStatus } from '../tenders/tenders.sql.js';
import * as sql from './contracts.sql.js';
import { ContractDto, ContractTermsDto } from './dto/contract.dto.js';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A contract and its payment milestones, made from an award once the standstill is over (PRODUCT §4). */
@Injectable()
export class ContractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  /** After the standstill, with no complaint pending, the award becomes a contract with its milestones. */
  async createFromAward(user: AuthUser, tenderId: string, terms: ContractTermsDto): Promise<ContractDto> {
    const contractId = await this.dataSource.transaction(async (m) => {
      const t = await lockTender(m, tenderId, { hideDraft: true });
      await this.access.requireRegion(user, ['street_officer'], t.streetId, m);
      const next = tenderTransition(t.status, 'contract');
      if (!t.standstillEndsAt || t.standstillEndsAt.getTime() > Date.now()) {
        throw new DomainError(
          'state.invalid_transition',
          `The standstill runs until ${t.standstillEndsAt?.toISOString()}`,
        );
      }
      if (await sql.pendingComplaints(m, tenderId))
        throw new DomainError('state.invalid_transition', 'A complaint is still waiting for a decision');
      if (terms.endsOn.getTime() <= terms.startsOn.getTime())
        throw new DomainError('validation.failed', 'The contract must end after it starts', {
          field: 'endsOn',
        });
      const bid = await sql.awardedTerms(m, t.awardedBidId!);
      const startsOn = isoDate(terms.startsOn);
      const id = await sql.insertContract(m, {
        tenderId,
        bidId: t.awardedBidId!,
        organizationId: bid.organization_id,
        streetId: t.streetId,
        title: t.title,
        amountFen: bid.price_fen,
        currency: t.currency,
        startsOn,
        endsOn: isoDate(terms.endsOn),
        kpis: bid.offered_kpis,
        createdBy: user.id,
      });
      // The contract commits its amount against the street's budget for the year it starts in.
      await this.ledger.commitContract(m, user.id, {
        id,
        streetId: t.streetId,
        year: terms.startsOn.getUTCFullYear(),
        amountFen: bid.price_fen,
      });
      const amounts = splitAmount(
        bid.price_fen,
        t.milestonePlan.map((p) => p.shareBp),
      );
      await sql.insertMilestones(
        m,
        id,
        startsOn,
        t.milestonePlan.map((p, i) => ({ ...p, amountFen: amounts[i] })),
      );
      await setStatus(m, tenderId, next);
      await this.audit.recordStatusChange(m, user.id, 'tender.contracted', ['tender', tenderId], t.status, {
        status: next,
        contractId: id,
      });
      await this.audit.recordChange(m, user.id, 'contract.created', ['contract', id], {
        after: { tenderId, amountFen: bid.price_fen, milestones: amounts },
      });
      return id;
    });
    return this.view(contractId);
  }

  async view(id: string): Promise<ContractDto> {
    const row = await sql.contractRow(this.dataSource, id);
    if (!row) throw notFound('Contract', id);
    return { ...row, milestones: await sql.milestonesOf(this.dataSource, id) };
  }

  async ofTender(tenderId: string): Promise<ContractDto> {
    const id = await sql.contractIdOfTender(this.dataSource, tenderId);
    if (!id) throw notFound('Contract of tender', tenderId);
    return this.view(id);
  }
}
