import { MigrationInterface, QueryRunner } from 'typeorm';

export class DonationCheckoutsIdempotencyKeys1796472913754 implements MigrationInterface {
  name = 'DonationCheckoutsIdempotencyKeys1796472913754';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("principal" text NOT NULL, "key" text NOT NULL, "fingerprint" character(64) NOT NULL, "method" text NOT NULL, "path" text NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_574edfb9ce98100b66a0a2e0f34" PRIMARY KEY ("principal", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "donation_checkouts" ("checkout_session_id" text NOT NULL, "community_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', "donor_user_id" uuid, "donor_name" text, "donor_email" text, "message" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "donation_checkouts_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_4ceabfdcad9dbdf517ce8284b3a" PRIMARY KEY ("checkout_session_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "donation_checkouts" ADD CONSTRAINT "FK_614a9dbc391da2859200546b23a" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "donation_checkouts" DROP CONSTRAINT "FK_614a9dbc391da2859200546b23a"`,
    );
    await queryRunner.query(`DROP TABLE "donation_checkouts"`);
    await queryRunner.query(`DROP INDEX "idempotency_keys_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
