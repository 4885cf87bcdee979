import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions for optimistic concurrency (ETag / If-Match): a rating's, and a user's notification
 * settings' as a whole (no row: version 0).
 */
export class EditVersions1796603000000 implements MigrationInterface {
  name = 'EditVersions1796603000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ratings" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_91a7ffebe8b406c4470845d4781"`,
    );
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP COLUMN "version"`);
  }
}
