import { MigrationInterface, QueryRunner } from 'typeorm';

export class Fund1795640456809 implements MigrationInterface {
  name = 'Fund1795640456809';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "disbursements_one_live_per_milestone"`);
    await queryRunner.query(
      `CREATE TABLE "fund_donations" ("id" BIGSERIAL NOT NULL, "receipt_no" text NOT NULL, "community_id" uuid NOT NULL, "checkout_session_id" text NOT NULL, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "donor_name" text, "donor_email" text, "message" text, "donor_user_id" uuid, "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "fund_donations_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_c0e5c85141115f062cb31e2755b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "fund_donations_receipt_unique" ON "fund_donations"  ("receipt_no") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "fund_donations_session_unique" ON "fund_donations"  ("checkout_session_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "fund_donations_community_idx" ON "fund_donations"  ("community_id", "paid_at") `,
    );
    await queryRunner.query(`ALTER TABLE "disbursements" ADD "kind" text NOT NULL DEFAULT 'milestone'`);
    await queryRunner.query(`ALTER TABLE "disbursements" ADD "project_id" uuid`);
    await queryRunner.query(`ALTER TABLE "disbursements" ADD "community_id" uuid`);
    await queryRunner.query(`ALTER TABLE "disbursements" ADD "purpose" text`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_4b6892b678cfca547b192a258c7"`);
    await queryRunner.query(`ALTER TABLE "disbursements" ALTER COLUMN "milestone_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "disbursements" ALTER COLUMN "requested_by" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "disbursements_community_kind_idx" ON "disbursements"  ("community_id", "kind") WHERE community_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "disbursements_one_live_per_milestone" ON "disbursements"  ("milestone_id", "kind") WHERE status <> 'rejected' AND milestone_id IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_kind_shape" CHECK ((kind = 'milestone' AND milestone_id IS NOT NULL AND requested_by IS NOT NULL)
   OR (kind = 'fund_grant' AND project_id IS NOT NULL AND community_id IS NOT NULL AND milestone_id IS NULL AND requested_by IS NOT NULL)
   OR (kind = 'incentive_bonus' AND milestone_id IS NOT NULL))`);
    await queryRunner.query(
      `ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_kind" CHECK (kind IN ('milestone', 'fund_grant', 'incentive_bonus'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "disbursements" ADD CONSTRAINT "FK_4b6892b678cfca547b192a258c7" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disbursements" ADD CONSTRAINT "FK_d0ff6ca4667e303537edbc228e4" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disbursements" ADD CONSTRAINT "FK_dc575b326ea9a85606dbe1be21b" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_donations" ADD CONSTRAINT "FK_4a9db994e297785fac71d3c46c7" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fund_donations" DROP CONSTRAINT "FK_4a9db994e297785fac71d3c46c7"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_dc575b326ea9a85606dbe1be21b"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_d0ff6ca4667e303537edbc228e4"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_4b6892b678cfca547b192a258c7"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "disbursements_kind"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "disbursements_kind_shape"`);
    await queryRunner.query(`DROP INDEX "disbursements_one_live_per_milestone"`);
    await queryRunner.query(`DROP INDEX "disbursements_community_kind_idx"`);
    await queryRunner.query(`ALTER TABLE "disbursements" ALTER COLUMN "requested_by" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "disbursements" ALTER COLUMN "milestone_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "disbursements" ADD CONSTRAINT "FK_4b6892b678cfca547b192a258c7" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "purpose"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "community_id"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "project_id"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "fund_donations_community_idx"`);
    await queryRunner.query(`DROP INDEX "fund_donations_session_unique"`);
    await queryRunner.query(`DROP INDEX "fund_donations_receipt_unique"`);
    await queryRunner.query(`DROP TABLE "fund_donations"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "disbursements_one_live_per_milestone" ON "disbursements" USING btree ("milestone_id") WHERE (status <> 'rejected'::text)`,
    );
  }
}
