import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../common/database/queryable.js';
import {
  applyScoreSettings,
  FORMULA_VERSION,
  type FormulaVersion,
  olderFormulaOnly,
  recordsAfter,
  refreshCurrentScores,
  SCORE_STATEMENTS,
  writeSnapshots,
} from './scoring.sql.js';

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
      await applyScoreSettings(m, organizationIds === null);
      const later = await recordsAfter(m, periodEnd);
      const written = await writeSnapshots(
        m,
        later ? statements.base : statements.rollups,
        periodEnd,
        organizationIds,
      );
      await this.refreshCurrent(m, organizationIds);
      return written;
    });
  }

  /**
   * Whether organizations have been scored under an older formula but not yet under the one in force (the
   * first start after a formula change): the workers then run a full recompute at once rather than at 02:00,
   * so past performance, tiers and score pages do not fall back to "not scored" until the night.
   */
  formulaPending(): Promise<boolean> {
    return olderFormulaOnly(this.dataSource, FORMULA_VERSION);
  }

  /** Puts the latest snapshots' score and tier on the organizations (all when null). */
  async refreshCurrent(
    db: Queryable = this.dataSource,
    organizationIds: string[] | null = null,
  ): Promise<void> {
    await refreshCurrentScores(db, organizationIds);
  }
}
