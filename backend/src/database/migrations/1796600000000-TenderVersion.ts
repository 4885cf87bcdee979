import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tender's version, sent as its ETag: every change of the row (edit, publication, amendment,
 * status) counts it up, by a trigger so that no write can forget it. A PUT naming an older version
 * in If-Match is refused (412) instead of silently overwriting someone else's edit.
 */
export class TenderVersion1796600000000 implements MigrationInterface {
  name = 'TenderVersion1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenders" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`CREATE FUNCTION tenders_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW IS DISTINCT FROM OLD THEN NEW.version := OLD.version + 1; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER tenders_next_version BEFORE UPDATE ON "tenders" FOR EACH ROW EXECUTE FUNCTION tenders_next_version()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tenders_next_version ON "tenders"`);
    await queryRunner.query(`DROP FUNCTION tenders_next_version()`);
    await queryRunner.query(`ALTER TABLE "tenders" DROP COLUMN "version"`);
  }
}
