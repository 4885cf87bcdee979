import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795628236392 implements MigrationInterface {
  name = 'Init1795628236392';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "UQ_8720a34a7f1ebda6f2b3b29f7e3" UNIQUE ("hash"), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_categories" ("code" text NOT NULL, "parent_code" text, "name_zh" text NOT NULL, "name_en" text NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_fa8e5034d4e454f1564fa6042cc" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" BIGSERIAL NOT NULL, "email" text NOT NULL, "ip" inet, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_email_at_idx" ON "login_failures"  ("email", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "phone" text, "display_name" text NOT NULL, "password_hash" text NOT NULL, "locale" text NOT NULL DEFAULT 'zh-CN', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sessions_user_idx" ON "sessions"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "session_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "spent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a7838d2ba25be1342091b6695f1" UNIQUE ("token_hash"), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens"  ("session_id") `);
    await queryRunner.query(
      `CREATE TABLE "regions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "level" text NOT NULL, "parent_id" uuid, "path" text COLLATE "C" NOT NULL, CONSTRAINT "regions_level" CHECK (level IN ('district', 'street', 'community', 'grid')), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "regions_path_idx" ON "regions"  ("path") `);
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "credit_code" character(18), "home_street_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_43b31b255111c328c76c0c26113" UNIQUE ("credit_code"), CONSTRAINT "organizations_status" CHECK (status IN ('pending', 'verified', 'suspended', 'deregistered')), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "role_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" text NOT NULL, "region_id" uuid, "organization_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "role_memberships_one_scope" CHECK (num_nonnulls(region_id, organization_id) <= 1), CONSTRAINT "role_memberships_role" CHECK (role IN ('resident', 'social_worker', 'org_admin', 'community_staff', 'street_officer', 'street_finance', 'street_director', 'evaluator', 'platform_admin')), CONSTRAINT "PK_adf9185576ec89335e456b8d528" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "role_memberships_user_idx" ON "role_memberships"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_memberships_platform_unique" ON "role_memberships"  ("user_id", "role") WHERE region_id IS NULL AND organization_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_memberships_org_unique" ON "role_memberships"  ("user_id", "role", "organization_id") WHERE organization_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "role_memberships_region_unique" ON "role_memberships"  ("user_id", "role", "region_id") WHERE region_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_categories" ADD CONSTRAINT "FK_4c8ba598c62e3b29485eb0f144e" FOREIGN KEY ("parent_code") REFERENCES "service_categories"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "FK_b1dc15f575548116575b521d8de" FOREIGN KEY ("parent_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "FK_bb24f610c5ea8e09fd600e54098" FOREIGN KEY ("home_street_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_memberships" ADD CONSTRAINT "FK_6dae2cccb1f97458733ae337042" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_memberships" ADD CONSTRAINT "FK_362b27112c653cff07f344395f3" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_memberships" ADD CONSTRAINT "FK_7b8e53f24e9bd0805d8bcddd0c7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // The audit trail is append-only: the database itself refuses to change or remove an entry.
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "role_memberships" DROP CONSTRAINT "FK_7b8e53f24e9bd0805d8bcddd0c7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_memberships" DROP CONSTRAINT "FK_362b27112c653cff07f344395f3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_memberships" DROP CONSTRAINT "FK_6dae2cccb1f97458733ae337042"`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "FK_bb24f610c5ea8e09fd600e54098"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "FK_b1dc15f575548116575b521d8de"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await queryRunner.query(
      `ALTER TABLE "service_categories" DROP CONSTRAINT "FK_4c8ba598c62e3b29485eb0f144e"`,
    );
    await queryRunner.query(`DROP INDEX "role_memberships_region_unique"`);
    await queryRunner.query(`DROP INDEX "role_memberships_org_unique"`);
    await queryRunner.query(`DROP INDEX "role_memberships_platform_unique"`);
    await queryRunner.query(`DROP INDEX "role_memberships_user_idx"`);
    await queryRunner.query(`DROP TABLE "role_memberships"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "regions_path_idx"`);
    await queryRunner.query(`DROP TABLE "regions"`);
    await queryRunner.query(`DROP INDEX "refresh_tokens_session_idx"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "sessions_user_idx"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "login_failures_email_at_idx"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
    await queryRunner.query(`DROP TABLE "service_categories"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
