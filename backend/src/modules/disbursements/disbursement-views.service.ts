import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { decodeCursor } from '../../common/pagination/cursor.js';
import { pageOf, type Page, type PageQueryDto } from '../../common/pagination/page.js';
import type { DisbursementKind } from './disbursement.entity.js';
import {
  communitiesServedBy,
  contractParties,
  disbursementsAwaiting,
  type SignerPaths,
  disbursementsOfCommunity,
  disbursementsOfContract,
  disbursementsOfOrganization,
  selectDisbursement,
  type After,
  type DisbursementRow,
  type PagedDisbursement,
} from './disbursements.sql.js';
import type { DisbursementDto, DisbursementSearchQueryDto, InboxQueryDto } from './dto/disbursement.dto.js';
import { MilestoneDeliverablesService } from './milestone-deliverables.service.js';

/** The street's roles that see its disbursements. */
const STREET_READERS = ['street_officer', 'street_finance', 'street_director'] as const;

/** The regions in which the user signs each step (path patterns), as the inbox reads them. */
export function signerPaths(user: AuthUser): SignerPaths {
  const paths = (role: string) =>
    user.memberships.filter((x) => x.role === role && x.regionPath).map((x) => `${x.regionPath}%`);
  return {
    communityStaff: paths('community_staff'),
    streetFinance: paths('street_finance'),
    streetDirector: paths('street_director'),
  };
}

/** Disbursements as the API shows them: one, the lists, and the inbox of what waits for the caller. */
@Injectable()
export class DisbursementViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly deliverables: MilestoneDeliverablesService,
  ) {}

  /**
   * What waits for the caller: acceptances for community staff; approvals, failed payouts to approve
   * again and treasury payments for finance; approvals for the director.
   */
  inbox(user: AuthUser, page: InboxQueryDto): Promise<Page<DisbursementDto>> {
    const filter = { q: page.q ?? null, newestFirst: page.sort === 'newest' };
    return this.pageOf(page, (after, limit) =>
      disbursementsAwaiting(this.dataSource, signerPaths(user), filter, after, limit),
    );
  }

  /** A contract's disbursements, oldest first, a page at a time. */
  async ofContract(user: AuthUser, contractId: string, page: PageQueryDto): Promise<Page<DisbursementDto>> {
    const c = await contractParties(this.dataSource, contractId);
    if (!c) throw notFound('Contract', contractId);
    if (!this.access.isOrgAdmin(user, c.organization_id)) {
      await this.access.requireRegion(user, STREET_READERS, c.street_id);
    }
    return this.pageOf(page, (after, limit) =>
      disbursementsOfContract(this.dataSource, contractId, after, limit),
    );
  }

  /** Every disbursement of an organization, newest first, optionally searched, a page at a time: for its admins (and platform admins). */
  ofOrganization(
    user: AuthUser,
    organizationId: string,
    page: DisbursementSearchQueryDto,
  ): Promise<Page<DisbursementDto>> {
    this.access.requireOrganization(user, ['org_admin'], organizationId);
    return this.pageOf(page, (after, limit) =>
      disbursementsOfOrganization(this.dataSource, organizationId, page.q ?? null, after, limit),
    );
  }

  /** A community's disbursements of one kind (its fund's grants), newest first, a page at a time: the caller checks the scope. */
  ofCommunity(
    communityId: string,
    kind: DisbursementKind,
    page: PageQueryDto,
  ): Promise<Page<DisbursementDto>> {
    return this.pageOf(page, (after, limit) =>
      disbursementsOfCommunity(this.dataSource, communityId, kind, after, limit),
    );
  }

  /**
   * One disbursement, for those who see its lists: the organization's admins, the street's officers,
   * finance and director, and staff of its community (a grant) or of a community the contract serves.
   */
  async get(user: AuthUser, id: string): Promise<DisbursementDto> {
    const d = await this.one(id);
    if (this.access.isOrgAdmin(user, d.organizationId)) return d;
    const communities = d.communityId
      ? [{ id: d.communityId }]
      : await communitiesServedBy(this.dataSource, d.contractId);
    for (const c of communities)
      if (await this.access.canActInRegion(user, ['community_staff'], c.id)) return d;
    await this.access.requireRegion(user, STREET_READERS, d.streetId);
    return d;
  }

  /** The disbursement as the API shows it. */
  async one(id: string): Promise<DisbursementDto> {
    const row = await selectDisbursement(this.dataSource, id);
    if (!row) throw notFound('Disbursement', id);
    return (await this.withFiles([row]))[0];
  }

  /** A page: rows after the cursor's (creation time, id), one more than shown to tell whether more follow. */
  private async pageOf(
    page: PageQueryDto,
    read: (after: After | null, limit: number) => Promise<PagedDisbursement[]>,
  ): Promise<Page<DisbursementDto>> {
    const [at, id] = page.cursor ? decodeCursor(page.cursor, ['timestamp', 'uuid']) : [];
    const rows = await read(page.cursor ? { at: at as string, id: id as string } : null, page.limit + 1);
    const items = await this.withFiles(rows);
    return pageOf(
      items,
      page.limit,
      (r) => [r.cursorAt, r.id],
      ({ cursorAt: _, ...item }) => item,
    );
  }

  /** Each milestone payment with its milestone's deliverable files, read for the whole page at once. */
  private async withFiles<T extends DisbursementRow>(rows: T[]): Promise<(T & DisbursementDto)[]> {
    const milestones = rows.flatMap((r) => (r.kind === 'milestone' && r.milestoneId ? [r.milestoneId] : []));
    const files = await this.deliverables.filesOf(this.dataSource, milestones);
    return rows.map((r) => ({
      ...r,
      deliverableFiles: (r.kind === 'milestone' && r.milestoneId && files.get(r.milestoneId)) || [],
    }));
  }
}
