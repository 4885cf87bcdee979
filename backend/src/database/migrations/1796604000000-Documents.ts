import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence behind every claim: uploaded documents (owned by an organization or a street office,
 * quarantined until the virus scan's verdict) and their links to what they support (service
 * records, milestones, tenders, bids).
 */
export class Documents1796604000000 implements MigrationInterface {
  name = 'Documents1796604000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" text NOT NULL, "status" text NOT NULL DEFAULT 'pending_scan', "owner_organization_id" uuid, "owner_region_id" uuid, "uploaded_by" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" text, "thumbnail_key" text, "width" integer, "height" integer, "location_kept" boolean NOT NULL DEFAULT false, "verdict" text, "scanner" text, "scanned_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "documents_size" CHECK (size > 0), CONSTRAINT "documents_clean_stored" CHECK (status <> 'clean' OR storage_key IS NOT NULL), CONSTRAINT "documents_scanned" CHECK (status = 'pending_scan' OR scanned_at IS NOT NULL), CONSTRAINT "documents_owner" CHECK (num_nonnulls(owner_organization_id, owner_region_id) = 1), CONSTRAINT "documents_status" CHECK (status IN ('pending_scan', 'clean', 'infected')), CONSTRAINT "documents_purpose" CHECK (purpose IN ('service_record_evidence', 'milestone_deliverable', 'tender_document', 'bid_document')), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "documents_owner_region_idx" ON "documents"  ("owner_region_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "documents_owner_organization_idx" ON "documents"  ("owner_organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document_links" ("document_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "linked_by" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "document_links_subject_type" CHECK (subject_type IN ('service_record', 'milestone', 'tender', 'bid')), CONSTRAINT "PK_1a0dbe48aa510245101d6bc287b" PRIMARY KEY ("document_id", "subject_type", "subject_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "document_links_subject_idx" ON "document_links"  ("subject_type", "subject_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_31c8bdf4d3addb83a074bbe6bcd" FOREIGN KEY ("owner_organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_f267cc76ed5598faac2f9d1d237" FOREIGN KEY ("owner_region_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_b9e28779ec77ff2223e2da41f6d" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "FK_5f40e6ad7e81b58d863a5baa91e" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "FK_a118854e9dd4c1c3336601102df" FOREIGN KEY ("linked_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_links" DROP CONSTRAINT "FK_a118854e9dd4c1c3336601102df"`);
    await queryRunner.query(`ALTER TABLE "document_links" DROP CONSTRAINT "FK_5f40e6ad7e81b58d863a5baa91e"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_b9e28779ec77ff2223e2da41f6d"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_f267cc76ed5598faac2f9d1d237"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_31c8bdf4d3addb83a074bbe6bcd"`);
    await queryRunner.query(`DROP INDEX "document_links_subject_idx"`);
    await queryRunner.query(`DROP TABLE "document_links"`);
    await queryRunner.query(`DROP INDEX "documents_owner_organization_idx"`);
    await queryRunner.query(`DROP INDEX "documents_owner_region_idx"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
