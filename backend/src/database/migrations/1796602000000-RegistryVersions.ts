import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version on the registry's editable resources (organizations, regions, catalog entries,
 * organization members, accounts, a street's own settings):
 * +1 on every write of the row. The API sends it as the ETag and refuses a write prepared against an
 * older one (412).
 */
export class RegistryVersions1796602000000 implements MigrationInterface {
  name = 'RegistryVersions1796602000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
  }
}

const TABLES = [
  'organizations',
  'regions',
  'service_categories',
  'organization_members',
  'users',
  'street_settings',
];
