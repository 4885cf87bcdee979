import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity.js';
import * as sql from './audit.sql.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/** The entity an audit entry is about: its type and id. */
export type AuditEntity = readonly [entityType: string, entityId: string];

/** JSON with sorted keys, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Plain JSON data, as jsonb will give it back (dates become ISO strings). */
const asJson = (value: object | null | undefined): Record<string, unknown> | null =>
  value == null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

export function hashEntry(prevHash: string, e: Omit<AuditEntry, 'id' | 'hash' | 'prevHash'>): string {
  const content = canonicalJson({
    at: e.at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

export type ChainReport =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** One entity's change by an actor: what it was (`before`, when that matters) and what it became. */
  recordChange(
    manager: EntityManager,
    actorId: string | null,
    action: string,
    [entityType, entityId]: AuditEntity,
    { before, after }: Pick<AuditEvent, 'before' | 'after'>,
  ): Promise<void> {
    return this.record(manager, { actorId, action, entityType, entityId, before, after });
  }

  /** A status change: `before` holds the status the entity left, `after` its new status and any details. */
  recordStatusChange(
    manager: EntityManager,
    actorId: string | null,
    action: string,
    entity: AuditEntity,
    fromStatus: string,
    after: object,
  ): Promise<void> {
    return this.recordChange(manager, actorId, action, entity, { before: { status: fromStatus }, after });
  }

  /**
   * Appends one entry inside the caller's transaction, so the audit row commits or rolls back
   * with the state change it records. The advisory lock orders concurrent appends into one chain.
   */
  async record(manager: EntityManager, event: AuditEvent): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('audit entries must be written inside a transaction');
    await sql.lockChain(manager);
    const prevHash = (await sql.lastHash(manager)) ?? GENESIS_HASH;
    const entry = {
      at: new Date(),
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: asJson(event.before),
      after: asJson(event.after),
    };
    await sql.appendEntry(manager, { ...entry, prevHash, hash: hashEntry(prevHash, entry) });
  }

  /** Walks the whole chain in id order and reports the first entry whose link does not hold. */
  async verifyChain(batchSize = 1000): Promise<ChainReport> {
    let prevHash = GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditEntry)
        .createQueryBuilder('a')
        .where('a.id > :lastId', { lastId })
        .orderBy('a.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (rows.length === 0) return { ok: true, checked };
      for (const row of rows) {
        if (row.prevHash !== prevHash) {
          return {
            ok: false,
            checked,
            brokenAt: row.id,
            reason: 'prev_hash does not match the previous entry',
          };
        }
        if (hashEntry(prevHash, row) !== row.hash) {
          return { ok: false, checked, brokenAt: row.id, reason: 'content does not match its hash' };
        }
        prevHash = row.hash;
        lastId = row.id;
        checked++;
      }
    }
  }
}
