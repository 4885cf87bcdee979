import { MigrationInterface, QueryRunner } from 'typeorm';

/** Conflicts of interest declared on a panel: each takes its evaluator off and leaves a seat to redraw. */
export class PanelConflicts1796483100000 implements MigrationInterface {
  name = 'PanelConflicts1796483100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "panel_conflicts" ("tender_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" text NOT NULL,
        "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4dca612a74c0b99542299fe8a98" PRIMARY KEY ("tender_id", "user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_conflicts" ADD CONSTRAINT "FK_6383ae06977f0ecf6f5be1b20c9" FOREIGN KEY ("tender_id") REFERENCES "tenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_conflicts" ADD CONSTRAINT "FK_90413c9afeaf95b80941076fb24" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "panel_conflicts"`);
  }
}
