import { MigrationInterface, QueryRunner } from 'typeorm';

export class IncentiveRules1795640296659 implements MigrationInterface {
  name = 'IncentiveRules1795640296659';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incentive_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "street_id" uuid, "tier" character(1) NOT NULL, "consecutive_months" integer NOT NULL DEFAULT '1', "action" text NOT NULL, "bonus_share_bp" integer, "bar_months" integer, CONSTRAINT "incentive_rules_bar_months" CHECK (bar_months IS NULL OR bar_months BETWEEN 1 AND 36), CONSTRAINT "incentive_rules_bonus_share" CHECK (bonus_share_bp IS NULL OR bonus_share_bp BETWEEN 1 AND 10000), CONSTRAINT "incentive_rules_parameters" CHECK ((action = 'bonus') = (bonus_share_bp IS NOT NULL) AND (action = 'bar') = (bar_months IS NOT NULL)), CONSTRAINT "incentive_rules_consecutive" CHECK (consecutive_months BETWEEN 1 AND 12), CONSTRAINT "incentive_rules_action" CHECK (action IN ('badge', 'bonus', 'bar')), CONSTRAINT "incentive_rules_tier" CHECK (tier IN ('A', 'B', 'C', 'D')), CONSTRAINT "PK_6cf48c773957529c4d30e85fa5e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "incentive_rules_street_idx" ON "incentive_rules"  ("street_id") `);
    await queryRunner.query(
      `CREATE TABLE "incentive_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "action" text NOT NULL, "subject" text NOT NULL, "outcome" text NOT NULL DEFAULT 'applied', "rule" jsonb NOT NULL, "evidence" jsonb NOT NULL, "explanation" text NOT NULL, "effective_from" date NOT NULL, "effective_until" date, "amount_fen" bigint, "disbursement_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "incentive_decisions_outcome" CHECK (outcome IN ('applied', 'skipped')), CONSTRAINT "incentive_decisions_action" CHECK (action IN ('badge', 'bonus', 'bar')), CONSTRAINT "PK_2f6f53e713ae529c02efa87433b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "incentive_decisions_bars_idx" ON "incentive_decisions"  ("organization_id", "effective_until") WHERE action = 'bar'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "incentive_decisions_once" ON "incentive_decisions"  ("organization_id", "action", "subject") `,
    );
    await queryRunner.query(
      `ALTER TABLE "incentive_rules" ADD CONSTRAINT "FK_f02531f7e26ac148647c4b4856e" FOREIGN KEY ("street_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incentive_decisions" ADD CONSTRAINT "FK_c708b562c0eba2fb67bcb851bef" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The platform defaults (PRODUCT §7), for every street without rules of its own.
    await queryRunner.query(`INSERT INTO "incentive_rules" ("street_id", "tier", "consecutive_months", "action", "bonus_share_bp", "bar_months")
      VALUES (NULL, 'A', 1, 'badge', NULL, NULL), (NULL, 'A', 1, 'bonus', 500, NULL), (NULL, 'D', 2, 'bar', NULL, 6)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "incentive_decisions" DROP CONSTRAINT "FK_c708b562c0eba2fb67bcb851bef"`,
    );
    await queryRunner.query(`ALTER TABLE "incentive_rules" DROP CONSTRAINT "FK_f02531f7e26ac148647c4b4856e"`);
    await queryRunner.query(`DROP INDEX "incentive_decisions_once"`);
    await queryRunner.query(`DROP INDEX "incentive_decisions_bars_idx"`);
    await queryRunner.query(`DROP TABLE "incentive_decisions"`);
    await queryRunner.query(`DROP INDEX "incentive_rules_street_idx"`);
    await queryRunner.query(`DROP TABLE "incentive_rules"`);
  }
}
