import { MigrationInterface, QueryRunner } from 'typeorm';
import { CATALOG_V1 } from '../../modules/catalog/catalog-v1.js';

/** TypeORM names foreign keys after their table: role_memberships' keys, renamed for role_grants. */
const RENAMED_KEYS = [
  ['FK_6dae2cccb1f97458733ae337042', 'FK_2b1c3c28ffbc09b85170c655d4b'],
  ['FK_362b27112c653cff07f344395f3', 'FK_9e6f185d61049194981a026521a'],
  ['FK_7b8e53f24e9bd0805d8bcddd0c7', 'FK_846f254049b4f7f5a0836603ee2'],
];

/**
 * Go-live: the catalog arrives by migration (version 1) and is versioned; regions and catalog entries
 * are retired, never deleted; role memberships become grants with a granter, a period and a
 * revocation (the view `role_memberships` keeps the roles in force); finance and director of one
 * street are kept apart; evaluator grants carry categories; panels are drawn at random.
 */
export class GoLive1796480000000 implements MigrationInterface {
  name = 'GoLive1796480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Catalog.
    await queryRunner.query(
      `ALTER TABLE "service_categories" ADD "since_version" integer NOT NULL DEFAULT 1, ADD "retired_in_version" integer, ADD "retired_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `INSERT INTO service_categories (code, parent_code, name_zh, name_en, sort_order)
       SELECT c->>'code', c->>'parent', c->>'zh', c->>'en', (ord - 1)::int FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(c, ord)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(CATALOG_V1)],
    );
    // Regions.
    await queryRunner.query(`ALTER TABLE "regions" ADD "retired_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "regions_sibling_name_unique" ON "regions" ("parent_id", "name") WHERE retired_at IS NULL`,
    );
    // Role grants.
    await queryRunner.query(`ALTER TABLE "role_memberships" RENAME TO "role_grants"`);
    await queryRunner.query(
      `ALTER TABLE "role_grants" ADD "granted_by" uuid, ADD "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         ADD "ends_at" TIMESTAMP WITH TIME ZONE, ADD "revoked_at" TIMESTAMP WITH TIME ZONE, ADD "revoked_by" uuid, ADD "revoke_reason" text`,
    );
    await queryRunner.query(`UPDATE role_grants SET starts_at = created_at`);
    for (const [from, to] of [
      ['role_memberships_one_scope', 'role_grants_one_scope'],
      ['role_memberships_role', 'role_grants_role'],
    ])
      await queryRunner.query(`ALTER TABLE "role_grants" RENAME CONSTRAINT "${from}" TO "${to}"`);
    await queryRunner.query(`ALTER INDEX "role_memberships_user_idx" RENAME TO "role_grants_user_idx"`);
    for (const [from, to] of RENAMED_KEYS)
      await queryRunner.query(`ALTER TABLE "role_grants" RENAME CONSTRAINT "${from}" TO "${to}"`);
    await queryRunner.query(
      `ALTER TABLE "role_grants" ADD CONSTRAINT "FK_8e834711e57a68dc510b3c17450" FOREIGN KEY ("granted_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_grants" ADD CONSTRAINT "FK_caf7d59fb3b39c53c01b717027f" FOREIGN KEY ("revoked_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    for (const index of ['platform', 'org', 'region'])
      await queryRunner.query(`DROP INDEX "role_memberships_${index}_unique"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_grants_platform_unique" ON "role_grants" ("user_id", "role") WHERE region_id IS NULL AND organization_id IS NULL AND revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_grants_org_unique" ON "role_grants" ("user_id", "role", "organization_id") WHERE organization_id IS NOT NULL AND revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_grants_region_unique" ON "role_grants" ("user_id", "role", "region_id") WHERE region_id IS NOT NULL AND revoked_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "role_grants_region_idx" ON "role_grants" ("region_id", "role")`);
    await queryRunner.query(
      `ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_period" CHECK ((ends_at IS NULL OR ends_at > starts_at) AND (revoked_at IS NULL OR revoked_at >= starts_at))`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_finance_director_apart" EXCLUDE USING gist (user_id WITH =, region_id WITH =, tstzrange(starts_at, LEAST(ends_at, revoked_at)) WITH &&) WHERE (role IN ('street_finance', 'street_director'))`,
    );
    // The roles in force now; every authorization check reads this view. Simple enough for
    // PostgreSQL to make it updatable, so a grant can still be inserted through it.
    await queryRunner.query(
      `CREATE VIEW "role_memberships" AS SELECT * FROM "role_grants"
        WHERE revoked_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())`,
    );
    // Evaluator pool and panel draws.
    await queryRunner.query(
      `CREATE TABLE "evaluator_categories" ("grant_id" uuid NOT NULL, "category_code" text NOT NULL, CONSTRAINT "PK_evaluator_categories" PRIMARY KEY ("grant_id", "category_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "panel_draws" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "seq" integer NOT NULL, "seed" text NOT NULL,
        "candidates" uuid array NOT NULL, "drawn" uuid array NOT NULL, "replaced" uuid array NOT NULL DEFAULT '{}', "reason" text, "drawn_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "panel_draws_tender_seq" UNIQUE ("tender_id", "seq"), CONSTRAINT "PK_panel_draws" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluator_categories" ADD CONSTRAINT "FK_cad76b2a909fd3c8a817b47ba70" FOREIGN KEY ("grant_id") REFERENCES "role_grants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluator_categories" ADD CONSTRAINT "FK_f444f65886cfddcf35c09fc99a9" FOREIGN KEY ("category_code") REFERENCES "service_categories"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_draws" ADD CONSTRAINT "FK_61479549483b77af656ca4b9572" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_draws" ADD CONSTRAINT "FK_b8d548b3b4eb55f40c14053542c" FOREIGN KEY ("drawn_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "panel_draws"`);
    await queryRunner.query(`DROP TABLE "evaluator_categories"`);
    await queryRunner.query(`DROP VIEW "role_memberships"`);
    // History does not fit the old table: only the roles in force go back.
    await queryRunner.query(
      `DELETE FROM role_grants WHERE NOT (revoked_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now()))`,
    );
    await queryRunner.query(`ALTER TABLE "role_grants" DROP CONSTRAINT "role_grants_finance_director_apart"`);
    await queryRunner.query(`ALTER TABLE "role_grants" DROP CONSTRAINT "role_grants_period"`);
    await queryRunner.query(`DROP INDEX "role_grants_region_idx"`);
    for (const index of ['platform', 'org', 'region'])
      await queryRunner.query(`DROP INDEX "role_grants_${index}_unique"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_memberships_platform_unique" ON "role_grants" ("user_id", "role") WHERE region_id IS NULL AND organization_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_memberships_org_unique" ON "role_grants" ("user_id", "role", "organization_id") WHERE organization_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_memberships_region_unique" ON "role_grants" ("user_id", "role", "region_id") WHERE region_id IS NOT NULL`,
    );
    await queryRunner.query(`ALTER INDEX "role_grants_user_idx" RENAME TO "role_memberships_user_idx"`);
    for (const [to, from] of RENAMED_KEYS)
      await queryRunner.query(`ALTER TABLE "role_grants" RENAME CONSTRAINT "${from}" TO "${to}"`);
    for (const [to, from] of [
      ['role_memberships_one_scope', 'role_grants_one_scope'],
      ['role_memberships_role', 'role_grants_role'],
    ])
      await queryRunner.query(`ALTER TABLE "role_grants" RENAME CONSTRAINT "${from}" TO "${to}"`);
    await queryRunner.query(
      `ALTER TABLE "role_grants" DROP COLUMN "granted_by", DROP COLUMN "starts_at", DROP COLUMN "ends_at", DROP COLUMN "revoked_at", DROP COLUMN "revoked_by", DROP COLUMN "revoke_reason"`,
    );
    await queryRunner.query(`ALTER TABLE "role_grants" RENAME TO "role_memberships"`);
    await queryRunner.query(`DROP INDEX "regions_sibling_name_unique"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP COLUMN "retired_at"`);
    await queryRunner.query(
      `ALTER TABLE "service_categories" DROP COLUMN "since_version", DROP COLUMN "retired_in_version", DROP COLUMN "retired_at"`,
    );
  }
}
