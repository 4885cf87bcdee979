import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FORMULA_VERSION, type FormulaVersion, SCORE_STATEMENTS, scoreSettings } from './scoring.sql.js';

/**
 * Copies each organization's latest snapshot (of the formula in force) onto organizations.current_score and
 * current_tier: the directory and the leaderboard filter and sort by them with a plain index, no per-row
 * lookup of the latest snapshot. Only rows that change are written.
 */
export const CURRENT_SCORE_SQL = `
UPDATE organizations o SET current_score = s.score, current_tier = s.tier
  FROM (SELECT DISTINCT ON (organization_id) organization_id, score, tier FROM score_snapshots
         WHERE formula_version = $2 AND ($1::uuid[] IS NULL OR organization_id = ANY($1::uuid[]))
         ORDER BY organization_id, period_end DESC) s
 WHERE o.id = s.organization_id AND (o.current_score IS DISTINCT FROM s.score OR o.current_tier IS DISTINCT FROM s.tier)`;

/**
 * Whether some record starts after the period (a past period): SCORE_SQL's latest-seen rollups then cannot
 * answer, and the statement over the base tables runs instead.
 */
export const LATER_RECORDS_SQL = `SELECT EXISTS (SELECT 1 FROM score_record_days WHERE day > $1::date) AS later`;

/** Recomputes score snapshots: all verified organizations (nightly) or some (after their events). */
@Injectable()
export class ScoringService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Returns the number of snapshots written; running it again for the same day overwrites them. The
   * organizations' current score and tier follow in the same transaction, so they never disagree with the
   * snapshots (recomputing an older period leaves them on the latest one). `formula` is the formula in force
   * everywhere in production; an older one reproduces that formula's snapshots.
   */
  async recompute(
    periodEnd: string,
    organizationIds: string[] | null = null,
    formula: FormulaVersion = FORMULA_VERSION,
  ): Promise<number> {
    const statements = SCORE_STATEMENTS[formula];
    return this.dataSource.transaction(async (m) => {
      await m.query(scoreSettings(organizationIds === null));
      const [{ later }] = (await m.query(LATER_RECORDS_SQL, [periodEnd])) as { later: boolean }[];
      const written: unknown[] = await m.query(later ? statements.base : statements.rollups, [
        periodEnd,
        organizationIds,
      ]);
      await this.refreshCurrent(m, organizationIds);
      return written.length;
    });
  }

  /**
   * Whether organizations have been scored under an older formula but not yet under the one in force (the
   * first start after a formula change): the workers then run a full recompute at once rather than at 02:00,
   * so past performance, tiers and score pages do not fall back to "not scored" until the night.
   */
  async formulaPending(): Promise<boolean> {
    const [{ pending }]: { pending: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM score_snapshots WHERE formula_version <> $1)
              AND NOT EXISTS (SELECT 1 FROM score_snapshots WHERE formula_version = $1) AS pending`,
      [FORMULA_VERSION],
    );
    return pending;
  }

  /** Puts the latest snapshots' score and tier on the organizations (all when null). */
  async refreshCurrent(
    db: Pick<EntityManager, 'query'> = this.dataSource,
    organizationIds: string[] | null = null,
  ): Promise<void> {
    await db.query(CURRENT_SCORE_SQL, [organizationIds, FORMULA_VERSION]);
  }
}
