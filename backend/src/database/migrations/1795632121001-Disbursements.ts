import { MigrationInterface, QueryRunner } from 'typeorm';

export class Disbursements1795632121001 implements MigrationInterface {
  name = 'Disbursements1795632121001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "disbursements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "milestone_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "street_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "status" text NOT NULL DEFAULT 'requested', "method" text NOT NULL DEFAULT 'treasury', "deliverables" text NOT NULL DEFAULT '', "requested_by" uuid NOT NULL, "accepted_by" uuid, "finance_approved_by" uuid, "director_approved_by" uuid, "rejection_reason" text, "voucher" text, "provider_reference" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "disbursements_amount" CHECK (amount_fen > 0), CONSTRAINT "disbursements_method" CHECK (method IN ('treasury', 'stripe')), CONSTRAINT "disbursements_status" CHECK (status IN ('requested', 'accepted', 'finance_approved', 'approved', 'paid', 'failed', 'rejected')), CONSTRAINT "PK_2f9ea0e5b8382113aaa3e51cdfa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "disbursements_contract_idx" ON "disbursements"  ("contract_id") `);
    await queryRunner.query(
      `CREATE INDEX "disbursements_street_status_idx" ON "disbursements"  ("street_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "disbursements_one_live_per_milestone" ON "disbursements"  ("milestone_id") WHERE status <> 'rejected'`,
    );
    await queryRunner.query(
      `CREATE TABLE "street_settings" ("street_id" uuid NOT NULL, "director_threshold_fen" bigint NOT NULL DEFAULT '10000000', CONSTRAINT "PK_b38dcb750b3c63d36aeb41f07c6" PRIMARY KEY ("street_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "disbursements" ADD CONSTRAINT "FK_4b6892b678cfca547b192a258c7" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "street_settings" ADD CONSTRAINT "FK_b38dcb750b3c63d36aeb41f07c6" FOREIGN KEY ("street_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "street_settings" DROP CONSTRAINT "FK_b38dcb750b3c63d36aeb41f07c6"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_4b6892b678cfca547b192a258c7"`);
    await queryRunner.query(`DROP TABLE "street_settings"`);
    await queryRunner.query(`DROP INDEX "disbursements_one_live_per_milestone"`);
    await queryRunner.query(`DROP INDEX "disbursements_street_status_idx"`);
    await queryRunner.query(`DROP INDEX "disbursements_contract_idx"`);
    await queryRunner.query(`DROP TABLE "disbursements"`);
  }
}
