import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate-limit counters of a product without Redis (QUEUE_BACKEND=postgres). Unlogged: counters
 * are worth no WAL, and a crash that empties them only forgives a few hits.
 */
export class RateLimits1796493600000 implements MigrationInterface {
  name = 'RateLimits1796493600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limits" (
      "key" text PRIMARY KEY,
      "hits" integer NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "blocked_until" timestamptz
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
