import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SCORE_SQL } from './scoring.sql.js';

/** Recomputes score snapshots: all verified organizations (nightly) or some (after their events). */
@Injectable()
export class ScoringService {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the number of snapshots written; running it again for the same day overwrites them. */
  async recompute(periodEnd: string, organizationIds: string[] | null = null): Promise<number> {
    const written: unknown[] = await this.dataSource.query(SCORE_SQL, [periodEnd, organizationIds]);
    return written.length;
  }
}
