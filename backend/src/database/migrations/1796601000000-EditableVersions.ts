import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions of the resources streets edit, sent as ETags and checked against If-Match (412 on a
 * stale write): a street's scoring weights (a column of their row) and its incentive rule set (a
 * row of its own, since the set is many rows). Both start at 0 and go +1 on every write.
 */
export class EditableVersions1796601000000 implements MigrationInterface {
  name = 'EditableVersions1796601000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incentive_rule_sets" ("street_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_6238ff4a3ca07ac0e3f22d48a32" PRIMARY KEY ("street_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "scoring_weights" ADD "version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "incentive_rule_sets" ADD CONSTRAINT "FK_6238ff4a3ca07ac0e3f22d48a32" FOREIGN KEY ("street_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "incentive_rule_sets" DROP CONSTRAINT "FK_6238ff4a3ca07ac0e3f22d48a32"`,
    );
    await queryRunner.query(`ALTER TABLE "scoring_weights" DROP COLUMN "version"`);
    await queryRunner.query(`DROP TABLE "incentive_rule_sets"`);
  }
}
