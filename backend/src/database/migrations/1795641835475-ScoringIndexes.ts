import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScoringIndexes1795641835475 implements MigrationInterface {
  name = 'ScoringIndexes1795641835475';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "record_beneficiaries_confirmed_idx" ON "record_beneficiaries"  ("record_id", "resident_user_id") WHERE response = 'confirmed'`,
    );
    // The scores' reads per project and period (SCORE_SQL): a per-organization recompute reads only this index.
    // Written by hand (TypeORM cannot express INCLUDE); the entity declares it with synchronize: false.
    await queryRunner.query(
      `CREATE INDEX "service_records_scoring_idx" ON "service_records" ("project_id", "started_at") INCLUDE ("ended_at", "status", "community_id", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "service_records_scoring_idx"`);
    await queryRunner.query(`DROP INDEX "record_beneficiaries_confirmed_idx"`);
  }
}
