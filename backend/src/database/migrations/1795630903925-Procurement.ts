import { MigrationInterface, QueryRunner } from 'typeorm';

export class Procurement1795630903925 implements MigrationInterface {
  name = 'Procurement1795630903925';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "admission_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a85735977b914eb08add97086e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "admission_items_unique" ON "admission_items"  ("community_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "community_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "status" text NOT NULL, "refusal_reason" text, "pushed_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "community_tasks_status" CHECK (status IN ('assigned', 'refused')), CONSTRAINT "PK_6efe393c393476a2171d7c4edef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "community_tasks_community_idx" ON "community_tasks"  ("community_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "needs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "category_code" text NOT NULL, "title" text NOT NULL, "text" text NOT NULL, "posted_by" uuid NOT NULL, "status" text NOT NULL DEFAULT 'open', "triage_reason" text, "tender_id" uuid, "upvotes" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "needs_status" CHECK (status IN ('open', 'accepted', 'declined', 'addressed')), CONSTRAINT "PK_fdb71d393bc390a1a09ac047dd1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "needs_community_status_idx" ON "needs"  ("community_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "need_upvotes" ("need_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2b90f852dd28f1bddf867215715" PRIMARY KEY ("need_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "description" text NOT NULL, "category_code" text NOT NULL, "street_id" uuid NOT NULL, "budget_ceiling_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "method" text NOT NULL, "single_source_justification" text, "invited_organization_id" uuid, "kpis" jsonb NOT NULL, "min_grade" text, "weights" jsonb NOT NULL, "milestone_plan" jsonb NOT NULL, "enquiry_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "bid_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "standstill_days" integer NOT NULL DEFAULT '10', "status" text NOT NULL DEFAULT 'draft', "status_reason" text, "created_by" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tenders_deadlines" CHECK (enquiry_deadline <= bid_deadline), CONSTRAINT "tenders_budget_positive" CHECK (budget_ceiling_fen > 0), CONSTRAINT "tenders_method" CHECK (method IN ('public_tender', 'competitive_consultation', 'single_source', 'direct_commission')), CONSTRAINT "tenders_status" CHECK (status IN ('draft', 'published', 'evaluating', 'awarded', 'standstill', 'contracted', 'cancelled', 'unsuccessful')), CONSTRAINT "PK_13fdd4229818a97b5102199463b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tenders_street_status_idx" ON "tenders"  ("street_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tender_communities" ("tender_id" uuid NOT NULL, "community_id" uuid NOT NULL, CONSTRAINT "PK_40fd55009cd2ad54337d3703225" PRIMARY KEY ("tender_id", "community_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tender_needs" ("tender_id" uuid NOT NULL, "need_id" uuid NOT NULL, CONSTRAINT "PK_a3d7cd3f3e9271ef2af5d1fb1c1" PRIMARY KEY ("tender_id", "need_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tender_amendments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "summary" text NOT NULL, "changes" jsonb NOT NULL, "deadline_extended_to" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b1c715beec867a704d72ff7dc9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tender_amendments_tender_idx" ON "tender_amendments"  ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tender_enquiries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "asked_by_organization_id" uuid NOT NULL, "question" text NOT NULL, "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_74664897c5965a2f1995785577e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tender_enquiries_tender_idx" ON "tender_enquiries"  ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "bids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'submitted', "price_fen" bigint NOT NULL, "proposal" text NOT NULL, "team" uuid array NOT NULL, "offered_kpis" jsonb NOT NULL, "receipt_hash" character(64) NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "disqualification_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bids_price_positive" CHECK (price_fen > 0), CONSTRAINT "bids_status" CHECK (status IN ('submitted', 'withdrawn', 'opened', 'qualified', 'disqualified', 'awarded', 'not_awarded')), CONSTRAINT "PK_7950d066d322aab3a488ac39fe5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "bids_tender_idx" ON "bids"  ("tender_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "bids_one_live_per_org" ON "bids"  ("tender_id", "organization_id") WHERE status <> 'withdrawn'`,
    );
    await queryRunner.query(
      `ALTER TABLE "admission_items" ADD CONSTRAINT "FK_d3919aec48b0c30f93dcdbbc052" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_tasks" ADD CONSTRAINT "FK_75bd4910c18c30e681238e48efb" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "needs" ADD CONSTRAINT "FK_defd0efbb4124128cac418ed892" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "needs" ADD CONSTRAINT "FK_bf1b0694d81edbb384a949c86ab" FOREIGN KEY ("category_code") REFERENCES "service_categories"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "needs" ADD CONSTRAINT "FK_3eddf5b775105538738720eda3b" FOREIGN KEY ("posted_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "need_upvotes" ADD CONSTRAINT "FK_5e7bdd3976661c7db371896ae8e" FOREIGN KEY ("need_id") REFERENCES "needs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "need_upvotes" ADD CONSTRAINT "FK_66a425b72102d1d0c0a9037e573" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "FK_4bc728ee3cff5b084f7e91acf37" FOREIGN KEY ("category_code") REFERENCES "service_categories"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "FK_b9b1f545755c92d20f097c7c157" FOREIGN KEY ("street_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "FK_c0d6f8ab8f6844d1174eca11ee5" FOREIGN KEY ("invited_organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_communities" ADD CONSTRAINT "FK_2133687d39128aeea3db0a6bcb2" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_communities" ADD CONSTRAINT "FK_480d0c961ef39b5ca82a3579ece" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_needs" ADD CONSTRAINT "FK_4da9f35b92bf5945408744521bf" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_needs" ADD CONSTRAINT "FK_9387be496b352ce9bd89da3d9d5" FOREIGN KEY ("need_id") REFERENCES "needs"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_amendments" ADD CONSTRAINT "FK_c28e5652b8282158a300360a5f3" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_enquiries" ADD CONSTRAINT "FK_ec055a4964e91dafeda2deb5ae5" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_1f250a433256278f189ef43c8f1" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_2fc21cd80d880a0ede54269692b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_2fc21cd80d880a0ede54269692b"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_1f250a433256278f189ef43c8f1"`);
    await queryRunner.query(
      `ALTER TABLE "tender_enquiries" DROP CONSTRAINT "FK_ec055a4964e91dafeda2deb5ae5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_amendments" DROP CONSTRAINT "FK_c28e5652b8282158a300360a5f3"`,
    );
    await queryRunner.query(`ALTER TABLE "tender_needs" DROP CONSTRAINT "FK_9387be496b352ce9bd89da3d9d5"`);
    await queryRunner.query(`ALTER TABLE "tender_needs" DROP CONSTRAINT "FK_4da9f35b92bf5945408744521bf"`);
    await queryRunner.query(
      `ALTER TABLE "tender_communities" DROP CONSTRAINT "FK_480d0c961ef39b5ca82a3579ece"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_communities" DROP CONSTRAINT "FK_2133687d39128aeea3db0a6bcb2"`,
    );
    await queryRunner.query(`ALTER TABLE "tenders" DROP CONSTRAINT "FK_c0d6f8ab8f6844d1174eca11ee5"`);
    await queryRunner.query(`ALTER TABLE "tenders" DROP CONSTRAINT "FK_b9b1f545755c92d20f097c7c157"`);
    await queryRunner.query(`ALTER TABLE "tenders" DROP CONSTRAINT "FK_4bc728ee3cff5b084f7e91acf37"`);
    await queryRunner.query(`ALTER TABLE "need_upvotes" DROP CONSTRAINT "FK_66a425b72102d1d0c0a9037e573"`);
    await queryRunner.query(`ALTER TABLE "need_upvotes" DROP CONSTRAINT "FK_5e7bdd3976661c7db371896ae8e"`);
    await queryRunner.query(`ALTER TABLE "needs" DROP CONSTRAINT "FK_3eddf5b775105538738720eda3b"`);
    await queryRunner.query(`ALTER TABLE "needs" DROP CONSTRAINT "FK_bf1b0694d81edbb384a949c86ab"`);
    await queryRunner.query(`ALTER TABLE "needs" DROP CONSTRAINT "FK_defd0efbb4124128cac418ed892"`);
    await queryRunner.query(`ALTER TABLE "community_tasks" DROP CONSTRAINT "FK_75bd4910c18c30e681238e48efb"`);
    await queryRunner.query(`ALTER TABLE "admission_items" DROP CONSTRAINT "FK_d3919aec48b0c30f93dcdbbc052"`);
    await queryRunner.query(`DROP INDEX "bids_one_live_per_org"`);
    await queryRunner.query(`DROP INDEX "bids_tender_idx"`);
    await queryRunner.query(`DROP TABLE "bids"`);
    await queryRunner.query(`DROP INDEX "tender_enquiries_tender_idx"`);
    await queryRunner.query(`DROP TABLE "tender_enquiries"`);
    await queryRunner.query(`DROP INDEX "tender_amendments_tender_idx"`);
    await queryRunner.query(`DROP TABLE "tender_amendments"`);
    await queryRunner.query(`DROP TABLE "tender_needs"`);
    await queryRunner.query(`DROP TABLE "tender_communities"`);
    await queryRunner.query(`DROP INDEX "tenders_street_status_idx"`);
    await queryRunner.query(`DROP TABLE "tenders"`);
    await queryRunner.query(`DROP TABLE "need_upvotes"`);
    await queryRunner.query(`DROP INDEX "needs_community_status_idx"`);
    await queryRunner.query(`DROP TABLE "needs"`);
    await queryRunner.query(`DROP INDEX "community_tasks_community_idx"`);
    await queryRunner.query(`DROP TABLE "community_tasks"`);
    await queryRunner.query(`DROP INDEX "admission_items_unique"`);
    await queryRunner.query(`DROP TABLE "admission_items"`);
  }
}
