import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../common/database/queryable.js';
import { keyedPage, pageStart, timeKeyedPage } from '../../common/database/keyset.js';
import { notFound } from '../../common/errors/domain-error.js';
import { likeEscape } from '../../common/pagination/cursor.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import { OCID_PREFIX } from '../ocds/ocds.service.js';
import type {
  PublicProjectDto,
  PublicProjectSummaryDto,
  PublicProjectQueryDto,
  PublicRatingsDto,
  PublicReplyDto,
} from './public-projects.dto.js';
import * as sql from './public-projects.sql.js';

/** The public record of every project, from the need it answers to the money paid (PRODUCT §4–§6, §8). */
@Injectable()
export class PublicProjectsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    query: PublicProjectQueryDto,
    from: ReadFrom = 'primary',
  ): Promise<Page<PublicProjectSummaryDto>> {
    const q = query.q?.trim();
    const filter = {
      communityId: query.communityId ?? null,
      streetId: query.streetId ?? null,
      q: q ? `%${likeEscape(q)}%` : null,
    };
    const after = pageStart<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await onReplica(
      this.dataSource,
      (m) => sql.projectSummaries(m, filter, { after, limit: query.limit + 1 }),
      from,
    );
    return keyedPage(rows, query.limit);
  }

  get(id: string, from: ReadFrom = 'primary'): Promise<PublicProjectDto> {
    return onReplica(this.dataSource, (m) => this.story(m, id), from);
  }

  /** A page of the organization's replies to the project's ratings, newest first. */
  replies(id: string, query: PageQueryDto, from: ReadFrom = 'primary'): Promise<Page<PublicReplyDto>> {
    return onReplica(
      this.dataSource,
      async (m) => {
        if (!(await sql.projectById(m, id))) throw notFound('Project', id);
        return timeKeyedPage(query, (page) => sql.repliesOf(m, id, page));
      },
      from,
    );
  }

  private async story(m: Queryable, id: string): Promise<PublicProjectDto> {
    const row = await sql.projectById(m, id);
    if (!row) throw notFound('Project', id);
    const { contractId, tenderId, signedAt, communities, ...summary } = row;
    const tender = tenderId ? ((await sql.tenderOf(m, tenderId)) ?? null) : null;
    const [needs, milestones, committedFen, payments, hoursByMonth, beneficiaries, ratings] =
      await Promise.all([
        tender ? sql.needsOf(m, tender.id) : [],
        sql.milestonesOf(m, contractId),
        sql.committedFen(m, contractId),
        sql.paymentsOf(m, contractId, id),
        sql.hoursByMonth(m, id),
        sql.beneficiaryCounts(m, id),
        this.ratings(m, id),
      ]);
    return {
      ...summary,
      communities,
      ocid: tender ? `${OCID_PREFIX}-${tender.id}` : null,
      needs,
      tender,
      contract: {
        id: contractId,
        amountFen: summary.amountFen,
        currency: summary.currency,
        startsOn: summary.startsOn,
        endsOn: summary.endsOn,
        signedAt,
      },
      milestones,
      money: { committedFen, paidFen: summary.paidFen, payments },
      hoursByMonth,
      beneficiaries,
      ratings,
    };
  }

  private async ratings(m: Queryable, projectId: string): Promise<PublicRatingsDto> {
    const stars = await sql.ratingStars(m, projectId);
    const distribution = [1, 2, 3, 4, 5].map((s) => stars.find((r) => r.stars === s)?.n ?? 0);
    const count = stars.reduce((n, r) => n + r.n, 0);
    const total = stars.reduce((n, r) => n + r.total, 0);
    return {
      count,
      average: count ? Math.round((total / count) * 100) / 100 : null,
      distribution,
    };
  }
}
