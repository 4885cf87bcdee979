import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryIndex1795631471317 implements MigrationInterface {
  name = 'DirectoryIndex1795631471317';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "organizations_directory_name_idx" ON "organizations"  ("name", "id") WHERE status = 'verified'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "organizations_directory_name_idx"`);
  }
}
