import { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1795633305296 implements MigrationInterface {
  name = 'Payments1795633305296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "payout_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "disbursement_id" uuid NOT NULL, "attempt" integer NOT NULL, "provider" text NOT NULL DEFAULT 'stripe', "idempotency_key" text NOT NULL, "destination" text, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "provider_transfer_id" text, "status" text NOT NULL DEFAULT 'pending', "amount_reversed_fen" bigint NOT NULL DEFAULT '0', "failure_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "payout_transfers_attempt" CHECK (attempt > 0), CONSTRAINT "payout_transfers_amount" CHECK (amount_fen > 0 AND amount_reversed_fen >= 0), CONSTRAINT "payout_transfers_status" CHECK (status IN ('pending', 'submitted', 'paid', 'reversed', 'refused')), CONSTRAINT "PK_70fa9f7afa0654817503692ee01" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payout_transfers_idempotency_key_unique" ON "payout_transfers"  ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payout_transfers_provider_transfer_unique" ON "payout_transfers"  ("provider_transfer_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payout_transfers_attempt_unique" ON "payout_transfers"  ("disbursement_id", "attempt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "provider_events" ("id" text NOT NULL, "provider" text NOT NULL DEFAULT 'stripe', "type" text NOT NULL, "account" text, "object_id" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" text NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d882a90f8c8180b9bdae9af62eb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "provider_events_object_idx" ON "provider_events"  ("object_id") `);
    await queryRunner.query(
      `CREATE TABLE "reconciliation_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider" text NOT NULL DEFAULT 'stripe', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "transfers_checked" integer NOT NULL, "payouts_checked" integer NOT NULL, "healed" integer NOT NULL, "status" text NOT NULL, "mismatches" jsonb NOT NULL, CONSTRAINT "reconciliation_reports_status" CHECK (status IN ('clean', 'healed', 'mismatches')), CONSTRAINT "PK_12ad01f5998711edaac25681bf4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reconciliation_reports_started_idx" ON "reconciliation_reports"  ("started_at") `,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ADD "stripe_account_id" text`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "stripe_payouts_enabled" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "stripe_details_submitted" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "stripe_account_event_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ADD "stripe_account_event_id" text`);
    await queryRunner.query(`ALTER TABLE "disbursements" ADD "payout_attempt" integer NOT NULL DEFAULT '0'`);
    // Added by hand: disbursements already approved or paid are on their first payout attempt.
    await queryRunner.query(
      `UPDATE "disbursements" SET "payout_attempt" = 1 WHERE status IN ('approved', 'paid')`,
    );
    await queryRunner.query(`ALTER TABLE "disbursements" ADD "failure_reason" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organizations_stripe_account_unique" ON "organizations"  ("stripe_account_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "payout_transfers" ADD CONSTRAINT "FK_ea1c8d3b69524d4a6222b5d321a" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "payout_transfers" DROP CONSTRAINT "FK_ea1c8d3b69524d4a6222b5d321a"`,
    );
    await queryRunner.query(`DROP INDEX "organizations_stripe_account_unique"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "failure_reason"`);
    await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "payout_attempt"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "stripe_account_event_id"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "stripe_account_event_at"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "stripe_details_submitted"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "stripe_payouts_enabled"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "stripe_account_id"`);
    await queryRunner.query(`DROP INDEX "reconciliation_reports_started_idx"`);
    await queryRunner.query(`DROP TABLE "reconciliation_reports"`);
    await queryRunner.query(`DROP INDEX "provider_events_object_idx"`);
    await queryRunner.query(`DROP TABLE "provider_events"`);
    await queryRunner.query(`DROP INDEX "payout_transfers_attempt_unique"`);
    await queryRunner.query(`DROP INDEX "payout_transfers_provider_transfer_unique"`);
    await queryRunner.query(`DROP INDEX "payout_transfers_idempotency_key_unique"`);
    await queryRunner.query(`DROP TABLE "payout_transfers"`);
  }
}
