import { MigrationInterface, QueryRunner } from 'typeorm';

export class SentMail1795628445394 implements MigrationInterface {
  name = 'SentMail1795628445394';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sent_mail" ("key" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_797c53dd2beb5925c523c7c2a0f" PRIMARY KEY ("key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sent_mail"`);
  }
}
