import { MigrationInterface, QueryRunner } from 'typeorm';

export class Evaluation1795631404655 implements MigrationInterface {
  name = 'Evaluation1795631404655';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tender_evaluators" ("tender_id" uuid NOT NULL, "user_id" uuid NOT NULL, "declared_no_conflict_at" TIMESTAMP WITH TIME ZONE, "assigned_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc440ad4839a067be5ffe7abbf0" PRIMARY KEY ("tender_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluation_scores" ("bid_id" uuid NOT NULL, "evaluator_id" uuid NOT NULL, "criterion_key" text NOT NULL, "points" numeric(6,2) NOT NULL, "tender_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evaluation_scores_points" CHECK (points >= 0), CONSTRAINT "PK_a7bdcc98b93b8870112eb396445" PRIMARY KEY ("bid_id", "evaluator_id", "criterion_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "evaluation_scores_tender_idx" ON "evaluation_scores"  ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tender_complaints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "reason" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "decision_reason" text, "decided_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "tender_complaints_status" CHECK (status IN ('pending', 'upheld', 'dismissed')), CONSTRAINT "PK_793990cc56fd4d799dfcc853b7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tender_complaints_tender_idx" ON "tender_complaints"  ("tender_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tender_id" uuid, "bid_id" uuid, "organization_id" uuid NOT NULL, "street_id" uuid NOT NULL, "title" text NOT NULL, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "starts_on" date NOT NULL, "ends_on" date NOT NULL, "kpis" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contracts_period" CHECK (ends_on > starts_on), CONSTRAINT "contracts_amount_positive" CHECK (amount_fen > 0), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contracts_tender_unique" ON "contracts"  ("tender_id") WHERE tender_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "contracts_org_idx" ON "contracts"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "seq" integer NOT NULL, "name" text NOT NULL, "share_bp" integer NOT NULL, "amount_fen" bigint NOT NULL, "due_on" date NOT NULL, "status" text NOT NULL DEFAULT 'planned', CONSTRAINT "milestones_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "milestones_contract_seq" ON "milestones"  ("contract_id", "seq") `,
    );
    await queryRunner.query(`ALTER TABLE "tenders" ADD "awarded_bid_id" uuid`);
    await queryRunner.query(`ALTER TABLE "tenders" ADD "standstill_ends_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "tender_evaluators" ADD CONSTRAINT "FK_3a86256fc0c1b28578f793beec9" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_evaluators" ADD CONSTRAINT "FK_226e9422c612cb7aba2913641e0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_scores" ADD CONSTRAINT "FK_a8ec279a203fb368aac43abe6aa" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_complaints" ADD CONSTRAINT "FK_bb1c52ba4065ced48f239314cd0" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_5f0340260705386c4468564da78" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_e8a670508636b1fbd69efd48500" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_deb40e2f2ce5c32699535a05843" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "FK_f262bea126e4e4b4cd5dd36da03" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "FK_f262bea126e4e4b4cd5dd36da03"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_deb40e2f2ce5c32699535a05843"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_e8a670508636b1fbd69efd48500"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_5f0340260705386c4468564da78"`);
    await queryRunner.query(
      `ALTER TABLE "tender_complaints" DROP CONSTRAINT "FK_bb1c52ba4065ced48f239314cd0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_scores" DROP CONSTRAINT "FK_a8ec279a203fb368aac43abe6aa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_evaluators" DROP CONSTRAINT "FK_226e9422c612cb7aba2913641e0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tender_evaluators" DROP CONSTRAINT "FK_3a86256fc0c1b28578f793beec9"`,
    );
    await queryRunner.query(`ALTER TABLE "tenders" DROP COLUMN "standstill_ends_at"`);
    await queryRunner.query(`ALTER TABLE "tenders" DROP COLUMN "awarded_bid_id"`);
    await queryRunner.query(`DROP INDEX "milestones_contract_seq"`);
    await queryRunner.query(`DROP TABLE "milestones"`);
    await queryRunner.query(`DROP INDEX "contracts_org_idx"`);
    await queryRunner.query(`DROP INDEX "contracts_tender_unique"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
    await queryRunner.query(`DROP INDEX "tender_complaints_tender_idx"`);
    await queryRunner.query(`DROP TABLE "tender_complaints"`);
    await queryRunner.query(`DROP INDEX "evaluation_scores_tender_idx"`);
    await queryRunner.query(`DROP TABLE "evaluation_scores"`);
    await queryRunner.query(`DROP TABLE "tender_evaluators"`);
  }
}
