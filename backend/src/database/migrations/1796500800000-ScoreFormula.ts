import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What score formula v2 reads besides v1's inputs (scoring.sql.ts): when a member left the organization
 * (staff retention), and two partial indexes that keep its new reads small on large data (the standing
 * disputes among the beneficiaries, the needs addressed by a tender).
 */
export class ScoreFormula1796500800000 implements MigrationInterface {
  name = 'ScoreFormula1796500800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization_members" ADD "left_at" TIMESTAMP WITH TIME ZONE`);
    // Removals so far: the time the audit log recorded for each (written in the removing transaction).
    await queryRunner.query(
      `UPDATE organization_members m SET left_at = a.at
         FROM (SELECT entity_id, max(at) AS at FROM audit_log
                WHERE action = 'member.removed' AND entity_type = 'organization_member' GROUP BY entity_id) a
        WHERE m.status = 'removed' AND a.entity_id = m.id::text`,
    );
    await queryRunner.query(
      `CREATE INDEX "record_beneficiaries_disputed_idx" ON "record_beneficiaries"  ("record_id") WHERE response = 'disputed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "needs_addressed_tender_idx" ON "needs"  ("tender_id") WHERE status = 'addressed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "needs_addressed_tender_idx"`);
    await queryRunner.query(`DROP INDEX "record_beneficiaries_disputed_idx"`);
    await queryRunner.query(`ALTER TABLE "organization_members" DROP COLUMN "left_at"`);
  }
}
