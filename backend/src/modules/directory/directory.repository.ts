import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { onReplica, type ReadFrom } from '../../database/replica.js';
import { decodeCursor, likeEscape, type CursorKind } from '../../common/pagination/cursor.js';
import { pageOf, type Page } from '../../common/pagination/page.js';
import { Organization } from '../organizations/organization.entity.js';
import type { DirectoryEntryDto, DirectoryQueryDto, DirectorySort } from './directory.dto.js';

/** Grade as a number (5A → 5), 0 when absent or expired: an expired grade counts as none. */
export const GRADE_RANK_SQL = `CASE WHEN o.grade IS NOT NULL AND o.grade_expires_on >= current_date THEN substr(o.grade, 1, 1)::int ELSE 0 END`;

/** Keyset order per sort: SQL expressions compared as one row value, all ascending. */
const SORT_KEYS: Record<DirectorySort, string[]> = {
  name: ['o.name', 'o.id'],
  grade: [`5 - ${GRADE_RANK_SQL}`, 'o.name', 'o.id'],
  newest: ['(-extract(epoch FROM o.created_at))', 'o.id'],
  // Best first, the unscored (null) last; the expression matches organizations_directory_score_idx.
  score: ['(-coalesce(o.current_score, -1))', 'o.name', 'o.id'],
};
/** What each sort key's cursor value is. */
const SORT_KINDS: Record<DirectorySort, CursorKind[]> = {
  name: ['text', 'uuid'],
  grade: ['number', 'text', 'uuid'],
  newest: ['number', 'uuid'],
  score: ['number', 'text', 'uuid'],
};

/** The public directory: verified organizations, filtered, sorted and paged by keyset. */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Anonymous searches go to a replica (the heaviest public read); see readsFrom. */
  async search(query: DirectoryQueryDto, from: ReadFrom = 'primary'): Promise<Page<DirectoryEntryDto>> {
    const keys = SORT_KEYS[query.sort];
    const rows: (DirectoryEntryDto & Record<string, unknown>)[] = await onReplica(
      this.dataSource,
      (m) => this.searchQuery(query, m).getRawMany(),
      from,
    );
    return pageOf(rows, query.limit, (last) => keys.map((_, i) => last[`k${i}`]), toEntry);
  }

  /** The search as one parameterized statement (the benchmark runs the very same SQL bare). */
  // Filters on linked tables are uncorrelated IN subqueries: the matching organizations are found once
  // (a hash semi-join), not probed again for every candidate row.
  searchQuery(query: DirectoryQueryDto, m = this.dataSource.manager): SelectQueryBuilder<Organization> {
    const keys = SORT_KEYS[query.sort];
    const qb = this.base(m).andWhere(`o.status = 'verified'`);
    if (query.q) {
      qb.andWhere(`(o.name || ' ' || o.description) ILIKE :q`, { q: `%${likeEscape(query.q)}%` });
    }
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.category) {
      qb.andWhere(
        `o.id IN (SELECT c.organization_id FROM organization_categories c WHERE c.category_code = :category OR c.category_code LIKE :categoryPrefix)`,
        { category: query.category, categoryPrefix: `${likeEscape(query.category)}.%` },
      );
    }
    if (query.communityId) {
      qb.andWhere(
        `o.id IN (SELECT oc.organization_id FROM organization_communities oc WHERE oc.community_id = :communityId)`,
        {
          communityId: query.communityId,
        },
      );
    }
    if (query.streetId) {
      qb.andWhere(
        `(o.home_street_id = :streetId OR o.id IN (SELECT oc.organization_id FROM organization_communities oc JOIN regions r ON r.id = oc.community_id
           WHERE r.parent_id = :streetId))`,
        { streetId: query.streetId },
      );
    }
    // The current tier is a column kept by the scoring run: a plain filter, no lookup of the latest snapshot.
    if (query.tier?.length) qb.andWhere('o.current_tier IN (:...tiers)', { tiers: query.tier });
    if (query.minGrade) qb.andWhere(`${GRADE_RANK_SQL} >= :minRank`, { minRank: Number(query.minGrade[0]) });
    if (query.cursor) {
      const after = decodeCursor(query.cursor, SORT_KINDS[query.sort]);
      const params = Object.fromEntries(after.map((v, i) => [`k${i}`, v]));
      qb.andWhere(`(${keys.join(', ')}) > (${keys.map((_, i) => `:k${i}`).join(', ')})`, params);
    }
    keys.forEach((k, i) => qb.addSelect(k, `k${i}`));
    qb.orderBy(keys[0], 'ASC');
    keys.slice(1).forEach((k) => qb.addOrderBy(k, 'ASC'));
    return qb.limit(query.limit + 1);
  }

  async findPublic(id: string, from: ReadFrom = 'primary'): Promise<DirectoryEntryDto | null> {
    const row = await onReplica(
      this.dataSource,
      (m) => this.base(m).andWhere(`o.status = 'verified'`).andWhere('o.id = :id', { id }).getRawOne(),
      from,
    );
    return row ? toEntry(row) : null;
  }

  private base(m: EntityManager): SelectQueryBuilder<Organization> {
    return m
      .getRepository(Organization)
      .createQueryBuilder('o')
      .innerJoin('regions', 's', 's.id = o.home_street_id')
      .select('o.id', 'id')
      .addSelect('o.name', 'name')
      .addSelect('o.type', 'type')
      .addSelect('o.description', 'description')
      .addSelect(`CASE WHEN ${GRADE_RANK_SQL} > 0 THEN o.grade END`, 'grade')
      .addSelect('o.credit_status', 'creditStatus')
      .addSelect('o.current_score::float8', 'score')
      .addSelect('o.current_tier', 'tier')
      .addSelect('o.home_street_id', 'homeStreetId')
      .addSelect('s.name', 'homeStreetName')
      .addSelect(
        `ARRAY(SELECT c.category_code FROM organization_categories c WHERE c.organization_id = o.id ORDER BY 1)`,
        'categories',
      )
      .addSelect(
        `ARRAY(SELECT oc.community_id FROM organization_communities oc WHERE oc.organization_id = o.id ORDER BY 1)`,
        'communityIds',
      );
  }
}

const toEntry = (row: Record<string, unknown>): DirectoryEntryDto => ({
  id: row.id as string,
  name: row.name as string,
  type: row.type as DirectoryEntryDto['type'],
  description: row.description as string,
  grade: (row.grade as DirectoryEntryDto['grade']) ?? null,
  creditStatus: row.creditStatus as DirectoryEntryDto['creditStatus'],
  score: (row.score as number | null) ?? null,
  tier: (row.tier as DirectoryEntryDto['tier']) ?? null,
  homeStreetId: row.homeStreetId as string,
  homeStreetName: row.homeStreetName as string,
  categories: row.categories as string[],
  communityIds: row.communityIds as string[],
});
