import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live districts have distinct names too. `regions_sibling_name_unique` covers every region with a
 * parent; districts have none (NULLs are distinct in a unique index), so they get their own index.
 */
export class DistrictNames1796486400000 implements MigrationInterface {
  name = 'DistrictNames1796486400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "regions_district_name_unique" ON "regions" ("name") WHERE parent_id IS NULL AND retired_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "regions_district_name_unique"`);
  }
}
