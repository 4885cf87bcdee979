import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { DISBURSEMENT_KINDS } from '../disbursements/disbursement-rules.js';
import { DisbursementViewsService } from '../disbursements/disbursement-views.service.js';
import { DisbursementsService } from '../disbursements/disbursements.service.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import type { DisbursementDto, ProposeGrantDto } from '../disbursements/dto/disbursement.dto.js';
import { communityFundAccount, LedgerService } from '../ledger/ledger.service.js';
import { communityOf, fundBalance, projectServing } from './fund.sql.js';

/** What a community's fund holds: its ledger balance, what proposed grants reserve, and what is left to grant. */
export interface FundPosition {
  balanceFen: number;
  reservedFen: number;
  availableFen: number;
}

/** Who sees a community's grants: its staff, and the street's officers, finance and director. */
const GRANT_READERS = ['community_staff', 'street_officer', 'street_finance', 'street_director'] as const;

/**
 * Grants of a community's development fund to projects serving the community: disbursements of kind
 * `fund_grant`, proposed by community staff and then approved and paid like any disbursement
 * (DisbursementsService). The fund's money is reserved from the proposal until the approval.
 */
@Injectable()
export class FundGrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly ledger: LedgerService,
    private readonly disbursements: DisbursementsService,
    private readonly views: DisbursementViewsService,
  ) {}

  /**
   * Community staff propose a grant to a project serving the community. It starts awaiting street
   * finance (no acceptance step); the proposer never approves. The fund account is locked first, so
   * concurrent proposals never reserve more than it holds.
   */
  async propose(user: AuthUser, communityId: string, dto: ProposeGrantDto): Promise<DisbursementDto> {
    await this.requireCommunity(communityId);
    await this.access.requireRegion(user, ['community_staff'], communityId);
    this.disbursements.requirePayoutMethod(dto.method);
    const id = await this.dataSource.transaction((m) => this.proposeIn(m, user, communityId, dto));
    return this.views.one(id);
  }

  /**
   * The proposal inside the caller's transaction (the participatory fund's award turns each winner
   * into a grant this way, all or none): the caller has checked that `user` is community staff of
   * the community and that the payout method is available. Returns the disbursement's id.
   */
  async proposeIn(
    m: EntityManager,
    user: AuthUser,
    communityId: string,
    dto: ProposeGrantDto,
    audit: Record<string, unknown> = {},
  ): Promise<string> {
    const project = await projectServing(m, dto.projectId, communityId);
    if (!project) throw notFound('Project in this community', dto.projectId);
    if (project.status !== 'active')
      throw new DomainError('state.invalid_transition', 'Grants go to active projects only', {
        status: project.status,
      });
    await this.ledger.account(m, communityFundAccount(communityId), true);
    const position = await this.position(m, communityId);
    if (position.availableFen < dto.amountFen) {
      throw new DomainError(
        'fund.insufficient',
        `The community fund has ${position.availableFen} fen available; the grant needs ${dto.amountFen}`,
        { ...position, neededFen: dto.amountFen },
      );
    }
    return (await this.disbursements.open(
      m,
      {
        kind: 'fund_grant',
        status: DISBURSEMENT_KINDS.fund_grant.initial,
        milestoneId: null,
        projectId: project.id,
        communityId,
        contractId: project.contract_id,
        organizationId: project.organization_id,
        streetId: project.street_id,
        amountFen: dto.amountFen,
        currency: project.currency,
        method: dto.method,
        deliverables: null,
        purpose: dto.purpose,
        requestedBy: user.id,
      },
      {
        action: 'disbursement.grant_proposed',
        after: { ...dto, communityId, organizationId: project.organization_id, fund: position, ...audit },
      },
    ))!;
  }

  /** The fund's balance, what live grant proposals reserve of it, and what is left to grant. */
  async position(db: EntityManager | DataSource, communityId: string): Promise<FundPosition> {
    const { balance, reserved } = await fundBalance(db, communityId);
    return { balanceFen: balance, reservedFen: reserved, availableFen: balance - reserved };
  }

  /** A community's grants, newest first, a page at a time. */
  async list(user: AuthUser, communityId: string, page: PageQueryDto): Promise<Page<DisbursementDto>> {
    await this.requireCommunity(communityId);
    await this.access.requireRegion(user, GRANT_READERS, communityId);
    return this.views.ofCommunity(communityId, 'fund_grant', page);
  }

  private async requireCommunity(id: string): Promise<void> {
    if (!(await communityOf(this.dataSource, id))) throw notFound('Community', id);
  }
}
