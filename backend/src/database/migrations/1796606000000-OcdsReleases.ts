import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published OCDS releases, kept for good: a release, once stored, is never changed or removed (a
 * trigger refuses it); a change of the contracting process is a new release with its own id, date
 * and tag. `stage` says which part of the process the release describes, `content_hash` what it
 * said, so the same content is never published twice.
 */
export class OcdsReleases1796606000000 implements MigrationInterface {
  name = 'OcdsReleases1796606000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ocds_releases" (
         "seq" bigserial PRIMARY KEY,
         "id" text NOT NULL UNIQUE,
         "ocid" text NOT NULL,
         "stage" text NOT NULL CONSTRAINT "ocds_releases_stage" CHECK (stage IN ('tender', 'award', 'contract', 'implementation')),
         "content_hash" character(64) NOT NULL,
         "date" TIMESTAMP WITH TIME ZONE NOT NULL,
         "release" jsonb NOT NULL,
         "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(`CREATE INDEX "ocds_releases_ocid_idx" ON "ocds_releases" ("ocid", "seq")`);
    await queryRunner.query(
      `CREATE FUNCTION ocds_releases_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'OCDS releases are immutable: publish a new release instead' USING ERRCODE = 'restrict_violation'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ocds_releases_immutable" BEFORE UPDATE OR DELETE ON "ocds_releases" FOR EACH ROW EXECUTE FUNCTION ocds_releases_immutable()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocds_releases"`);
    await queryRunner.query(`DROP FUNCTION ocds_releases_immutable()`);
  }
}
