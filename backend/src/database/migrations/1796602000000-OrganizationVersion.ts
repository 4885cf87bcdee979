import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organization's version: +1 on every write of its profile, identity, status, grade or credit.
 * The API sends it as the ETag and refuses a write prepared against an older one (412).
 */
export class OrganizationVersion1796602000000 implements MigrationInterface {
  name = 'OrganizationVersion1796602000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "version" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "version"`);
  }
}
