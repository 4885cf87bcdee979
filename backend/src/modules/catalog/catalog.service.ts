import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';

export interface CategoryView {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  sinceVersion: number;
  retiredInVersion: number | null;
  retiredAt: string | null;
}

const COLUMNS = `code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn", sort_order AS "sortOrder",
  since_version AS "sinceVersion", retired_in_version AS "retiredInVersion", retired_at AS "retiredAt"`;

/** The catalog version in force: the latest version that added or retired an entry. */
const VERSION_SQL = `SELECT greatest(coalesce(max(since_version), 0), coalesce(max(retired_in_version), 0))::int AS version
  FROM service_categories`;

/**
 * The purchase-of-service catalog (PRODUCT §3), kept by platform admins. Adding or retiring an
 * entry publishes a new catalog version (the highest since/retired version + 1); codes are never
 * deleted nor reused, so tenders, organizations and needs that name a retired entry still show it.
 * Changes are serialized by one advisory lock, so two never take the same version number.
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(includeRetired = false): Promise<CategoryView[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM service_categories WHERE $1 OR retired_at IS NULL ORDER BY sort_order, code`,
      [includeRetired],
    );
  }

  async create(
    user: AuthUser,
    input: { code: string; parentCode?: string; nameZh: string; nameEn: string; sortOrder?: number },
  ): Promise<CategoryView> {
    const dot = input.code.lastIndexOf('.');
    const parentCode = dot < 0 ? null : input.code.slice(0, dot);
    if ((input.parentCode ?? null) !== parentCode)
      throw new DomainError(
        'validation.failed',
        parentCode
          ? `The parent of ${input.code} is ${parentCode}: a child's code is its parent's code, '.', and one more segment`
          : `${input.code} has no '.': it is a top-level code, without parentCode`,
        { field: 'parentCode' },
      );
    return this.change(async (m, version) => {
      if (parentCode) {
        const [parent]: { retired: boolean }[] = await m.query(
          `SELECT retired_at IS NOT NULL AS retired FROM service_categories WHERE code = $1 FOR SHARE`,
          [parentCode],
        );
        if (!parent)
          throw new DomainError('validation.failed', `parentCode ${parentCode} is not in the catalog`, {
            field: 'parentCode',
          });
        if (parent.retired)
          throw new DomainError(
            'reference.retired',
            `${parentCode} is retired: nothing new can be added under it`,
            {
              field: 'parentCode',
              codes: [parentCode],
            },
          );
      }
      const inserted: unknown[] = await m.query(
        `INSERT INTO service_categories (code, parent_code, name_zh, name_en, sort_order, since_version)
         VALUES ($1, $2, $3, $4, coalesce($5, (SELECT coalesce(max(sort_order), -1) + 1 FROM service_categories)), $6)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [input.code, parentCode, input.nameZh, input.nameEn, input.sortOrder ?? null, version],
      );
      if (!inserted.length) {
        const [taken] = await this.rows(m, input.code);
        throw new DomainError(
          'catalog.code_taken',
          taken.retiredAt
            ? `${input.code} belonged to an entry retired in version ${taken.retiredInVersion}: codes are never reused`
            : `${input.code} is already in the catalog`,
          { field: 'code' },
        );
      }
      const [after] = await this.rows(m, input.code);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'catalog.created',
        entityType: 'service_category',
        entityId: input.code,
        after: { ...after, version },
      });
      return after;
    });
  }

  /**
   * Renames or reorders a live entry. Its code, and so what tenders and organizations refer to,
   * stays the same: the catalog version does not change.
   */
  async update(
    user: AuthUser,
    code: string,
    input: { nameZh?: string; nameEn?: string; sortOrder?: number },
  ): Promise<CategoryView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.lock(m, code);
      if (before.retiredAt)
        throw new DomainError('state.conflict', `${code} is retired and can no longer change`);
      await m.query(
        `UPDATE service_categories SET name_zh = coalesce($2, name_zh), name_en = coalesce($3, name_en),
                sort_order = coalesce($4, sort_order) WHERE code = $1`,
        [code, input.nameZh ?? null, input.nameEn ?? null, input.sortOrder ?? null],
      );
      const [after] = await this.rows(m, code);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'catalog.updated',
        entityType: 'service_category',
        entityId: code,
        before,
        after,
      });
      return after;
    });
  }

  /** Retires a live entry without live children: a new catalog version without it. */
  async retire(user: AuthUser, code: string): Promise<CategoryView> {
    return this.change(async (m, version) => {
      const before = await this.lock(m, code);
      if (before.retiredAt) throw new DomainError('state.conflict', `${code} is already retired`);
      const [{ n }]: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM service_categories WHERE parent_code = $1 AND retired_at IS NULL`,
        [code],
      );
      if (n)
        throw new DomainError(
          'retire.live_children',
          `${code} still has ${n} live entr${n === 1 ? 'y' : 'ies'} under it: retire them first`,
          { children: n },
        );
      await m.query(
        `UPDATE service_categories SET retired_in_version = $2, retired_at = now() WHERE code = $1`,
        [code, version],
      );
      const [after] = await this.rows(m, code);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'catalog.retired',
        entityType: 'service_category',
        entityId: code,
        before,
        after: { ...after, version },
      });
      return after;
    });
  }

  /** A catalog change in its transaction, holding the catalog lock, with the version it publishes. */
  private change<T>(work: (m: EntityManager, version: number) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('service_categories'))`);
      const [{ version }]: { version: number }[] = await m.query(VERSION_SQL);
      return work(m, version + 1);
    });
  }

  private async lock(m: EntityManager, code: string): Promise<CategoryView> {
    const [row] = await this.rows(m, code, true);
    if (!row) throw notFound('Catalog entry', code);
    return row;
  }

  private rows(m: EntityManager, code: string, forUpdate = false): Promise<CategoryView[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM service_categories WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [code],
    );
  }
}
