import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795640406696 implements MigrationInterface {
  name = 'Notifications1795640406696';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "type" text NOT NULL, "params" jsonb NOT NULL DEFAULT '{}', "link" text, "dedup_key" text NOT NULL, "in_app" boolean NOT NULL DEFAULT true, "email_status" text NOT NULL DEFAULT 'none', "email_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notifications_email_status" CHECK (email_status IN ('none', 'pending', 'sent', 'failed')), CONSTRAINT "notifications_type" CHECK (type IN ('tender_published', 'deadline_near', 'tender_result', 'approval_waiting', 'payout_paid', 'payout_failed', 'rating_received')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_inbox" ON "notifications"  ("recipient_id", "created_at") WHERE in_app`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_once" ON "notifications"  ("recipient_id", "dedup_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "type" text NOT NULL, "in_app" boolean NOT NULL, "email" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_preferences_type" CHECK (type IN ('tender_published', 'deadline_near', 'tender_result', 'approval_waiting', 'payout_paid', 'payout_failed', 'rating_received')), CONSTRAINT "PK_755d37e231803acea1c54e5e88a" PRIMARY KEY ("user_id", "type"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "notifications_once"`);
    await queryRunner.query(`DROP INDEX "notifications_inbox"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
