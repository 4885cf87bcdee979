import { MigrationInterface, QueryRunner } from 'typeorm';

export class Delivery1795631723183 implements MigrationInterface {
  name = 'Delivery1795631723183';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "title" text NOT NULL, "lead_user_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "projects_status" CHECK (status IN ('active', 'completed')), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "projects_contract_unique" ON "projects"  ("contract_id") `);
    await queryRunner.query(`CREATE INDEX "projects_org_idx" ON "projects"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "project_members" ("project_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_b3f491d3a3f986106d281d8eb4b" PRIMARY KEY ("project_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "worker_user_id" uuid NOT NULL, "activity_type" text NOT NULL, "community_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL, "anonymous_count" integer NOT NULL DEFAULT '0', "location" text NOT NULL DEFAULT '', "notes" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'submitted', "decision_reason" text, "decided_by" uuid, "corrects_record_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "service_records_anonymous" CHECK (anonymous_count >= 0), CONSTRAINT "service_records_not_future" CHECK (ended_at <= created_at), CONSTRAINT "service_records_period" CHECK (ended_at > started_at AND ended_at - started_at <= interval '24 hours'), CONSTRAINT "service_records_activity" CHECK (activity_type IN ('casework', 'group_work', 'community_activity', 'home_visit', 'consultation', 'other')), CONSTRAINT "service_records_status" CHECK (status IN ('submitted', 'approved', 'rejected', 'reversed')), CONSTRAINT "PK_eb60ec90c5548e73a5211c48ab9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_records_worker_idx" ON "service_records"  ("worker_user_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "service_records_project_idx" ON "service_records"  ("project_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "record_beneficiaries" ("record_id" uuid NOT NULL, "resident_user_id" uuid NOT NULL, "response" text NOT NULL DEFAULT 'pending', "dispute_reason" text, "responded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "record_beneficiaries_response" CHECK (response IN ('pending', 'confirmed', 'disputed')), CONSTRAINT "PK_581822321779cff76edeb43123b" PRIMARY KEY ("record_id", "resident_user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "record_beneficiaries_resident_idx" ON "record_beneficiaries"  ("resident_user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_id" uuid NOT NULL, "resident_user_id" uuid NOT NULL, "attitude" smallint NOT NULL, "professionalism" smallint NOT NULL, "effect" smallint NOT NULL, "comment" text NOT NULL DEFAULT '', "moderation" text NOT NULL DEFAULT 'visible', "org_reply" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ratings_moderation" CHECK (moderation IN ('visible', 'reported', 'hidden')), CONSTRAINT "ratings_scores" CHECK (attitude BETWEEN 1 AND 5 AND professionalism BETWEEN 1 AND 5 AND effect BETWEEN 1 AND 5), CONSTRAINT "PK_0f31425b073219379545ad68ed9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ratings_one_per_resident" ON "ratings"  ("record_id", "resident_user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD "min_approved_hours" numeric(10,2) NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD "min_confirmed_beneficiaries" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_fdb2e316ee8f72c6e402afeb2d1" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_585c8ce06628c70b70100bfb842" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_9cafb7d7ef5458212d4f78c9b7c" FOREIGN KEY ("lead_user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_members" ADD CONSTRAINT "FK_b5729113570c20c7e214cf3f58d" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_members" ADD CONSTRAINT "FK_e89aae80e010c2faa72e6a49ce8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_records" ADD CONSTRAINT "FK_83c877ad1540e1a45e558f50e36" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_records" ADD CONSTRAINT "FK_b978b32592c5adecd524c617371" FOREIGN KEY ("worker_user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_records" ADD CONSTRAINT "FK_4a0d19d08c9b83c190d0a3b5b7d" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_beneficiaries" ADD CONSTRAINT "FK_8e572a9ce8e1607287118700710" FOREIGN KEY ("record_id") REFERENCES "service_records"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_beneficiaries" ADD CONSTRAINT "FK_995a4997c6519fe4dfded138d43" FOREIGN KEY ("resident_user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ratings" ADD CONSTRAINT "FK_a3e7e456e3a28ee5d2b49d81f69" FOREIGN KEY ("record_id") REFERENCES "service_records"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // No two live records of one worker may overlap in time: settled by the database, whatever the concurrency.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public`);
    await queryRunner.query(
      `ALTER TABLE "service_records" ADD CONSTRAINT "service_records_no_overlap" EXCLUDE USING gist (worker_user_id WITH =, tstzrange(started_at, ended_at) WITH &&) WHERE (status IN ('submitted', 'approved'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_records" DROP CONSTRAINT "service_records_no_overlap"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP CONSTRAINT "FK_a3e7e456e3a28ee5d2b49d81f69"`);
    await queryRunner.query(
      `ALTER TABLE "record_beneficiaries" DROP CONSTRAINT "FK_995a4997c6519fe4dfded138d43"`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_beneficiaries" DROP CONSTRAINT "FK_8e572a9ce8e1607287118700710"`,
    );
    await queryRunner.query(`ALTER TABLE "service_records" DROP CONSTRAINT "FK_4a0d19d08c9b83c190d0a3b5b7d"`);
    await queryRunner.query(`ALTER TABLE "service_records" DROP CONSTRAINT "FK_b978b32592c5adecd524c617371"`);
    await queryRunner.query(`ALTER TABLE "service_records" DROP CONSTRAINT "FK_83c877ad1540e1a45e558f50e36"`);
    await queryRunner.query(`ALTER TABLE "project_members" DROP CONSTRAINT "FK_e89aae80e010c2faa72e6a49ce8"`);
    await queryRunner.query(`ALTER TABLE "project_members" DROP CONSTRAINT "FK_b5729113570c20c7e214cf3f58d"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "FK_9cafb7d7ef5458212d4f78c9b7c"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "FK_585c8ce06628c70b70100bfb842"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "FK_fdb2e316ee8f72c6e402afeb2d1"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "min_confirmed_beneficiaries"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "min_approved_hours"`);
    await queryRunner.query(`DROP INDEX "ratings_one_per_resident"`);
    await queryRunner.query(`DROP TABLE "ratings"`);
    await queryRunner.query(`DROP INDEX "record_beneficiaries_resident_idx"`);
    await queryRunner.query(`DROP TABLE "record_beneficiaries"`);
    await queryRunner.query(`DROP INDEX "service_records_project_idx"`);
    await queryRunner.query(`DROP INDEX "service_records_worker_idx"`);
    await queryRunner.query(`DROP TABLE "service_records"`);
    await queryRunner.query(`DROP TABLE "project_members"`);
    await queryRunner.query(`DROP INDEX "projects_org_idx"`);
    await queryRunner.query(`DROP INDEX "projects_contract_unique"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
