import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in attempts are counted in Redis now (SignInThrottle), shared and atomic. */
export class DropLoginFailures1796476833194 implements MigrationInterface {
  name = 'DropLoginFailures1796476833194';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_failures"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" BIGSERIAL NOT NULL, "email" text NOT NULL, "ip" inet, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_email_at_idx" ON "login_failures"  ("email", "at") `,
    );
  }
}
