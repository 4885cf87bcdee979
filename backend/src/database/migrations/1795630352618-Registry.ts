import { MigrationInterface, QueryRunner } from 'typeorm';

export class Registry1795630352618 implements MigrationInterface {
  name = 'Registry1795630352618';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "credit_objections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "reason" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "filed_by" uuid NOT NULL, "decided_by" uuid, "decision_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "credit_objections_status" CHECK (status IN ('pending', 'upheld', 'dismissed')), CONSTRAINT "PK_f340bd3abeb7e99cbf3618ee3bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "credit_objections_one_pending" ON "credit_objections"  ("organization_id") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_categories" ("organization_id" uuid NOT NULL, "category_code" text NOT NULL, CONSTRAINT "PK_3dfdb0a1103a6d8961bf529d2f0" PRIMARY KEY ("organization_id", "category_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organization_categories_code_idx" ON "organization_categories"  ("category_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_communities" ("organization_id" uuid NOT NULL, "community_id" uuid NOT NULL, CONSTRAINT "PK_02b4e5cfebca8addf60609c9841" PRIMARY KEY ("organization_id", "community_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organization_communities_community_idx" ON "organization_communities"  ("community_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" text NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7455629b99d63c33c64386a870d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organization_documents_org_idx" ON "organization_documents"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid, "invited_email" text, "invited_phone" text, "status" text NOT NULL DEFAULT 'invited', "qualification_level" text, "certificate_no" text, "qualification_verified_at" TIMESTAMP WITH TIME ZONE, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "joined_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "organization_members_contact" CHECK (num_nonnulls(invited_email, invited_phone) >= 1), CONSTRAINT "organization_members_level" CHECK (qualification_level IS NULL OR qualification_level IN ('assistant', 'social_worker', 'senior')), CONSTRAINT "organization_members_status" CHECK (status IN ('invited', 'active', 'declined', 'removed')), CONSTRAINT "PK_c2b39d5d072886a4d9c8105eb9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organization_members_user_idx" ON "organization_members"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organization_members_live_user" ON "organization_members"  ("organization_id", "user_id") WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organization_members_live_phone" ON "organization_members"  ("organization_id", "invited_phone") WHERE status IN ('invited', 'active') AND invited_phone IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organization_members_live_email" ON "organization_members"  ("organization_id", "invited_email") WHERE status IN ('invited', 'active') AND invited_email IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "resident_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "community_id" uuid NOT NULL, "note" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decision_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "resident_requests_status" CHECK (status IN ('pending', 'verified', 'refused')), CONSTRAINT "PK_1e6c4e14bd30cf45cd7571c7f8b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "resident_requests_queue_idx" ON "resident_requests"  ("community_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "resident_requests_one_pending" ON "resident_requests"  ("user_id", "community_id") WHERE status = 'pending'`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ADD "filed_only" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "type" text NOT NULL DEFAULT 'other'`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "description" text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "legal_representative" text NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_phone" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "grade" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "grade_expires_on" date`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "credit_status" text NOT NULL DEFAULT 'normal'`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "credit_since" date`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "credit_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `CREATE INDEX "organizations_home_street_idx" ON "organizations"  ("home_street_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_credit_code" CHECK ((credit_code IS NULL) = filed_only)`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_credit_status" CHECK (credit_status IN ('normal', 'abnormal', 'serious'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_grade" CHECK (grade IS NULL OR (grade IN ('1A', '2A', '3A', '4A', '5A') AND grade_expires_on IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_type" CHECK (type IN ('life_service', 'charity', 'mutual_aid', 'social_work_agency', 'other'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "credit_objections" ADD CONSTRAINT "FK_c184594a6e6d4677b3fd029bd08" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_categories" ADD CONSTRAINT "FK_6624cac5a4f0b4d0d36f1366f13" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_categories" ADD CONSTRAINT "FK_3f9e3a97b43373ccefd29312684" FOREIGN KEY ("category_code") REFERENCES "service_categories"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_communities" ADD CONSTRAINT "FK_999afffe44715535bd5fb0021cf" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_communities" ADD CONSTRAINT "FK_8a942593bc96c83666b5e0fee03" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_documents" ADD CONSTRAINT "FK_3a028be3e263bf8bf5dc2e46759" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_members" ADD CONSTRAINT "FK_7062a4fbd9bab22ffd918e5d3d9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_members" ADD CONSTRAINT "FK_89bde91f78d36ca41e9515d91c6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resident_requests" ADD CONSTRAINT "FK_3adf7bfef4a778c5b3ec650b0d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resident_requests" ADD CONSTRAINT "FK_a9a27a222dd6d97091e2749ac29" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // Directory search: substring matches (Chinese included) on name and description, served by a trigram index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`);
    await queryRunner.query(
      `CREATE INDEX "organizations_search_trgm_idx" ON "organizations" USING gin ((name || ' ' || description) gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "organizations_search_trgm_idx"`);
    await queryRunner.query(
      `ALTER TABLE "resident_requests" DROP CONSTRAINT "FK_a9a27a222dd6d97091e2749ac29"`,
    );
    await queryRunner.query(
      `ALTER TABLE "resident_requests" DROP CONSTRAINT "FK_3adf7bfef4a778c5b3ec650b0d3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_members" DROP CONSTRAINT "FK_89bde91f78d36ca41e9515d91c6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_members" DROP CONSTRAINT "FK_7062a4fbd9bab22ffd918e5d3d9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_documents" DROP CONSTRAINT "FK_3a028be3e263bf8bf5dc2e46759"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_communities" DROP CONSTRAINT "FK_8a942593bc96c83666b5e0fee03"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_communities" DROP CONSTRAINT "FK_999afffe44715535bd5fb0021cf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_categories" DROP CONSTRAINT "FK_3f9e3a97b43373ccefd29312684"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_categories" DROP CONSTRAINT "FK_6624cac5a4f0b4d0d36f1366f13"`,
    );
    await queryRunner.query(
      `ALTER TABLE "credit_objections" DROP CONSTRAINT "FK_c184594a6e6d4677b3fd029bd08"`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_type"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_grade"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_credit_status"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_credit_code"`);
    await queryRunner.query(`DROP INDEX "organizations_home_street_idx"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "credit_reason"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "credit_since"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "credit_status"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "grade_expires_on"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "grade"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "contact_phone"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "legal_representative"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "description"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "type"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "filed_only"`);
    await queryRunner.query(`DROP INDEX "resident_requests_one_pending"`);
    await queryRunner.query(`DROP INDEX "resident_requests_queue_idx"`);
    await queryRunner.query(`DROP TABLE "resident_requests"`);
    await queryRunner.query(`DROP INDEX "organization_members_live_email"`);
    await queryRunner.query(`DROP INDEX "organization_members_live_phone"`);
    await queryRunner.query(`DROP INDEX "organization_members_live_user"`);
    await queryRunner.query(`DROP INDEX "organization_members_user_idx"`);
    await queryRunner.query(`DROP TABLE "organization_members"`);
    await queryRunner.query(`DROP INDEX "organization_documents_org_idx"`);
    await queryRunner.query(`DROP TABLE "organization_documents"`);
    await queryRunner.query(`DROP INDEX "organization_communities_community_idx"`);
    await queryRunner.query(`DROP TABLE "organization_communities"`);
    await queryRunner.query(`DROP INDEX "organization_categories_code_idx"`);
    await queryRunner.query(`DROP TABLE "organization_categories"`);
    await queryRunner.query(`DROP INDEX "credit_objections_one_pending"`);
    await queryRunner.query(`DROP TABLE "credit_objections"`);
  }
}
