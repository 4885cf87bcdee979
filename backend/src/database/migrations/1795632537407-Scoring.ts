import { MigrationInterface, QueryRunner } from 'typeorm';

export class Scoring1795632537407 implements MigrationInterface {
  name = 'Scoring1795632537407';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "score_snapshots" ("organization_id" uuid NOT NULL, "period_end" date NOT NULL, "formula_version" text NOT NULL, "score" numeric(5,2) NOT NULL, "tier" character(1) NOT NULL, "indicators" jsonb NOT NULL, "inputs" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "score_snapshots_tier" CHECK (tier IN ('A', 'B', 'C', 'D')), CONSTRAINT "PK_bc7da7642c9b0fdd6d9eb06dfc5" PRIMARY KEY ("organization_id", "period_end", "formula_version"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "score_snapshots_latest_idx" ON "score_snapshots"  ("organization_id", "period_end") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scoring_weights" ("street_id" uuid NOT NULL, "delivery" integer NOT NULL DEFAULT '30', "satisfaction" integer NOT NULL DEFAULT '25', "compliance" integer NOT NULL DEFAULT '15', "capacity" integer NOT NULL DEFAULT '15', "reach" integer NOT NULL DEFAULT '15', "prior_mean" numeric(3,2) NOT NULL DEFAULT '4', "prior_weight" integer NOT NULL DEFAULT '10', CONSTRAINT "scoring_weights_sum" CHECK (delivery + satisfaction + compliance + capacity + reach = 100), CONSTRAINT "PK_01ef8d9e64b1c0923aa1c6b38d3" PRIMARY KEY ("street_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_snapshots" ADD CONSTRAINT "FK_030371fabb88dc8e21b115a1dbb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scoring_weights" ADD CONSTRAINT "FK_01ef8d9e64b1c0923aa1c6b38d3" FOREIGN KEY ("street_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scoring_weights" DROP CONSTRAINT "FK_01ef8d9e64b1c0923aa1c6b38d3"`);
    await queryRunner.query(`ALTER TABLE "score_snapshots" DROP CONSTRAINT "FK_030371fabb88dc8e21b115a1dbb"`);
    await queryRunner.query(`DROP TABLE "scoring_weights"`);
    await queryRunner.query(`DROP INDEX "score_snapshots_latest_idx"`);
    await queryRunner.query(`DROP TABLE "score_snapshots"`);
  }
}
