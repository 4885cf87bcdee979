import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScoreTierColumns1795640251700 implements MigrationInterface {
  name = 'ScoreTierColumns1795640251700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "current_score" numeric(5,2)`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "current_tier" character(1)`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_current_tier" CHECK (current_tier IS NULL OR current_tier IN ('A', 'B', 'C', 'D'))`,
    );
    // The directory's "by score" keyset order (DirectoryRepository SORT_KEYS.score): best first, unscored last.
    await queryRunner.query(
      `CREATE INDEX "organizations_directory_score_idx" ON "organizations" ((-coalesce(current_score, -1)), "name", "id") WHERE status = 'verified'`,
    );
    // Organizations already scored start from their latest snapshot of the formula in force.
    await queryRunner.query(
      `UPDATE organizations o SET current_score = s.score, current_tier = s.tier
         FROM (SELECT DISTINCT ON (organization_id) organization_id, score, tier FROM score_snapshots
                WHERE formula_version = 'v1' ORDER BY organization_id, period_end DESC) s
        WHERE o.id = s.organization_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "organizations_directory_score_idx"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_current_tier"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "current_tier"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "current_score"`);
  }
}
