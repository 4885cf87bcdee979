import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed documents: a key pair per published tender (its private key wrapped for the workers'
 * key until the bid deadline opens it), and bid files stored encrypted for it.
 */
export class SealedDocuments1796605000000 implements MigrationInterface {
  name = 'SealedDocuments1796605000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_seals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "public_key" text NOT NULL, "wrapped_private_key" text NOT NULL, "private_key" text, "opened_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "document_seals_opened" CHECK ((private_key IS NULL) = (opened_at IS NULL)), CONSTRAINT "PK_abe03855b82fb0b3e9dd3845c78" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "documents" ADD "seal_id" uuid`);
    await queryRunner.query(`ALTER TABLE "documents" ADD "sealed_key" text`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "documents_sealed" CHECK ((seal_id IS NULL) = (sealed_key IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "tenders" ADD "seal_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_dbaaac2233dc4b9eb54a426f482" FOREIGN KEY ("seal_id") REFERENCES "document_seals"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenders" ADD CONSTRAINT "FK_c04a67d5626758d5ee246002238" FOREIGN KEY ("seal_id") REFERENCES "document_seals"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenders" DROP CONSTRAINT "FK_c04a67d5626758d5ee246002238"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_dbaaac2233dc4b9eb54a426f482"`);
    await queryRunner.query(`ALTER TABLE "tenders" DROP COLUMN "seal_id"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "documents_sealed"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "sealed_key"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "seal_id"`);
    await queryRunner.query(`DROP TABLE "document_seals"`);
  }
}
