import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The community staff's rating of a project at each milestone acceptance (PRODUCT §5), one per
 * milestone, and the share of satisfaction it carries per street.
 */
export class AcceptanceRatings1796497200000 implements MigrationInterface {
  name = 'AcceptanceRatings1796497200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "acceptance_ratings" ("milestone_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "rated_by" uuid NOT NULL, "quality" smallint NOT NULL, "timeliness" smallint NOT NULL, "cooperation" smallint NOT NULL, "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "acceptance_ratings_comment" CHECK (char_length(comment) <= 1000), CONSTRAINT "acceptance_ratings_scores" CHECK (quality BETWEEN 1 AND 5 AND timeliness BETWEEN 1 AND 5 AND cooperation BETWEEN 1 AND 5), CONSTRAINT "PK_e20ddebfbd13541af56b2e5e223" PRIMARY KEY ("milestone_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "acceptance_ratings_organization" ON "acceptance_ratings"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "scoring_weights" ADD "acceptance_weight" integer NOT NULL DEFAULT '30'`,
    );
    await queryRunner.query(
      `ALTER TABLE "scoring_weights" ADD CONSTRAINT "scoring_weights_acceptance" CHECK (acceptance_weight BETWEEN 0 AND 100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "acceptance_ratings" ADD CONSTRAINT "FK_e20ddebfbd13541af56b2e5e223" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "acceptance_ratings" ADD CONSTRAINT "FK_34af5b991f6cf6a8a8a907ff144" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "acceptance_ratings" ADD CONSTRAINT "FK_4ce02881a44d95b5c55898dc4ec" FOREIGN KEY ("rated_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "acceptance_ratings" DROP CONSTRAINT "FK_4ce02881a44d95b5c55898dc4ec"`,
    );
    await queryRunner.query(
      `ALTER TABLE "acceptance_ratings" DROP CONSTRAINT "FK_34af5b991f6cf6a8a8a907ff144"`,
    );
    await queryRunner.query(
      `ALTER TABLE "acceptance_ratings" DROP CONSTRAINT "FK_e20ddebfbd13541af56b2e5e223"`,
    );
    await queryRunner.query(`ALTER TABLE "scoring_weights" DROP CONSTRAINT "scoring_weights_acceptance"`);
    await queryRunner.query(`ALTER TABLE "scoring_weights" DROP COLUMN "acceptance_weight"`);
    await queryRunner.query(`DROP INDEX "acceptance_ratings_organization"`);
    await queryRunner.query(`DROP TABLE "acceptance_ratings"`);
  }
}
