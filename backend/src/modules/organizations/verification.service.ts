import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { decodeCursor } from '../../common/pagination/cursor.js';
import { pageOf, type Page } from '../../common/pagination/page.js';
import type {
  OrganizationDto,
  ReviewItemDto,
  ReviewQueueQueryDto,
  StatusChangeDto,
} from './dto/organization.dto.js';
import * as records from './organization-records.js';
import { nextStatus } from './organization-status.js';
import { selectReviewQueue } from './organizations.sql.js';

/**
 * The verification state machine (`organization-status.ts`): the street office of the home street
 * verifies, suspends, reinstates and deregisters organizations, and reviews its queue.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Verify, suspend, reinstate or deregister: a street officer of the home street, always with a reason. */
  async changeStatus(user: AuthUser, id: string, dto: StatusChangeDto): Promise<OrganizationDto> {
    await this.dataSource
      .transaction(async (m) => {
        const org = await records.loadOrganization(m, id, true);
        await this.access.requireRegion(user, ['street_officer'], org.homeStreetId, m);
        const status = nextStatus(org.status, dto.action);
        await records.writeOrganization(m, id, { status });
        await this.audit.record(m, {
          actorId: user.id,
          action: `organization.${dto.action}`,
          entityType: 'organization',
          entityId: id,
          before: { status: org.status },
          after: { status, reason: dto.reason },
        });
      })
      .catch(records.rethrowIdentityConflict);
    return records.organizationView(this.dataSource, id);
  }

  /** The street officer's queue: organizations of the streets in the officer's scope, in a given state. */
  async reviewQueue(user: AuthUser, query: ReviewQueueQueryDto): Promise<Page<ReviewItemDto>> {
    const scope = records.officerScope(this.access, user);
    const after = query.cursor ? decodeCursor(query.cursor, ['timestamp', 'uuid']) : null;
    const rows = await selectReviewQueue(
      this.dataSource,
      scope,
      { status: query.status, q: query.q, newestFirst: query.sort === 'newest' },
      { after, limit: query.limit + 1 },
    );
    return pageOf(
      rows,
      query.limit,
      (r) => [r.cursorAt, r.id],
      ({ cursorAt: _, ...item }) => item,
    );
  }
}
