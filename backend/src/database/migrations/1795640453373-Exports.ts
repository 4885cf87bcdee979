import { MigrationInterface, QueryRunner } from 'typeorm';

export class Exports1795640453373 implements MigrationInterface {
  name = 'Exports1795640453373';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "export_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requested_by" uuid NOT NULL, "dataset" text NOT NULL, "format" text NOT NULL, "lang" text NOT NULL DEFAULT 'zh-CN', "street_id" uuid, "organization_id" uuid, "date_from" date, "date_to" date, "status" text NOT NULL DEFAULT 'queued', "progress" integer NOT NULL DEFAULT '0', "row_count" integer, "file_name" text NOT NULL, "file_key" text, "file_size" bigint, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "export_jobs_done" CHECK (status <> 'done' OR (row_count IS NOT NULL AND expires_at IS NOT NULL)), CONSTRAINT "export_jobs_progress" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "export_jobs_range" CHECK (date_to IS NULL OR date_from IS NULL OR date_to >= date_from), CONSTRAINT "export_jobs_scope" CHECK (num_nonnulls(street_id, organization_id) = 1), CONSTRAINT "export_jobs_status" CHECK (status IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "export_jobs_lang" CHECK (lang IN ('zh-CN', 'en-US')), CONSTRAINT "export_jobs_format" CHECK (format IN ('csv', 'xlsx')), CONSTRAINT "export_jobs_dataset" CHECK (dataset IN ('service_records', 'disbursements', 'scores')), CONSTRAINT "PK_3044ce6f1c6af24058ee609e063" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "export_jobs_expires_idx" ON "export_jobs"  ("expires_at") `);
    await queryRunner.query(
      `CREATE INDEX "export_jobs_requester_idx" ON "export_jobs"  ("requested_by", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_c3007554b0b03796b4b3bf888e6" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_cf49e867813fa828e0126e9b892" FOREIGN KEY ("street_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_e430f9e1dd5bc5d0f848ef2477a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "export_jobs" DROP CONSTRAINT "FK_e430f9e1dd5bc5d0f848ef2477a"`);
    await queryRunner.query(`ALTER TABLE "export_jobs" DROP CONSTRAINT "FK_cf49e867813fa828e0126e9b892"`);
    await queryRunner.query(`ALTER TABLE "export_jobs" DROP CONSTRAINT "FK_c3007554b0b03796b4b3bf888e6"`);
    await queryRunner.query(`DROP INDEX "export_jobs_requester_idx"`);
    await queryRunner.query(`DROP INDEX "export_jobs_expires_idx"`);
    await queryRunner.query(`DROP TABLE "export_jobs"`);
  }
}
