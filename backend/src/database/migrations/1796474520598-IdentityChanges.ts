import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityChanges1796474520598 implements MigrationInterface {
  name = 'IdentityChanges1796474520598';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization_identity_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "legal_representative" text NOT NULL, "credit_code" character(18), "category_codes" text array NOT NULL, "status" text NOT NULL DEFAULT 'pending', "requested_by" uuid NOT NULL, "decided_by" uuid, "decision_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "organization_identity_changes_status" CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')), CONSTRAINT "PK_60efdbf0ef5d38e1dc18c57d625" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organization_identity_changes_one_pending" ON "organization_identity_changes"  ("organization_id") WHERE status = 'pending'`,
    );
    // The district follows the home street, whoever writes the row (service, seed, fixtures): a trigger keeps it.
    await queryRunner.query(`ALTER TABLE "organizations" ADD "district_id" uuid`);
    await queryRunner.query(
      `CREATE FUNCTION organizations_set_district() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         SELECT parent_id INTO NEW.district_id FROM regions WHERE id = NEW.home_street_id;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER organizations_district BEFORE INSERT OR UPDATE OF home_street_id ON organizations
       FOR EACH ROW EXECUTE FUNCTION organizations_set_district()`,
    );
    await queryRunner.query(
      `UPDATE organizations o SET district_id = s.parent_id FROM regions s WHERE s.id = o.home_street_id`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "district_id" SET NOT NULL`);
    // The name as people read it: NFKC folds full-width forms, whitespace collapsed and trimmed, lower case.
    await queryRunner.query(
      `CREATE FUNCTION organization_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       RETURN lower(btrim(regexp_replace(normalize(name, NFKC), '\\s+', ' ', 'g')))`,
    );
    // Verified and suspended organizations hold their identity; no two of them share a name in one district.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organizations_verified_name_unique" ON "organizations" (district_id, organization_name_key(name))
       WHERE status IN ('verified', 'suspended')`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "FK_af3f35065c8fe88522e78825108" FOREIGN KEY ("district_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_identity_changes" ADD CONSTRAINT "FK_f47ed1024c8f9ef953d6d1f9bc4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organization_identity_changes" DROP CONSTRAINT "FK_f47ed1024c8f9ef953d6d1f9bc4"`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "FK_af3f35065c8fe88522e78825108"`);
    await queryRunner.query(`DROP INDEX "organizations_verified_name_unique"`);
    await queryRunner.query(`DROP FUNCTION organization_name_key(text)`);
    await queryRunner.query(`DROP TRIGGER organizations_district ON organizations`);
    await queryRunner.query(`DROP FUNCTION organizations_set_district()`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "district_id"`);
    await queryRunner.query(`DROP INDEX "organization_identity_changes_one_pending"`);
    await queryRunner.query(`DROP TABLE "organization_identity_changes"`);
  }
}
