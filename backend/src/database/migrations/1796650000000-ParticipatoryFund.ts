import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participatory fund (参与式预算, docs/participation.md): rounds of a community's development
 * fund put to its residents' vote, the small projects submitted to them, the voter roll (its primary
 * key is the one-vote rule) and the anonymous ballots (one row per approved submission, no voter).
 */
export class ParticipatoryFund1796650000000 implements MigrationInterface {
  name = 'ParticipatoryFund1796650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "participatory_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "budget_fen" bigint NOT NULL, "cap_fen" bigint NOT NULL, "method" text NOT NULL, "submissions_open_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submissions_close_at" TIMESTAMP WITH TIME ZONE NOT NULL, "voting_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "voting_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "opened_by" uuid NOT NULL, "counted_at" TIMESTAMP WITH TIME ZONE, "awarded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participatory_rounds_periods" CHECK (submissions_close_at > submissions_open_at AND voting_opens_at >= submissions_close_at AND voting_closes_at > voting_opens_at), CONSTRAINT "participatory_rounds_amounts" CHECK (cap_fen > 0 AND cap_fen <= budget_fen), CONSTRAINT "participatory_rounds_status" CHECK (status IN ('open', 'counted', 'awarded')), CONSTRAINT "participatory_rounds_method" CHECK (method IN ('approval', 'knapsack')), CONSTRAINT "PK_5f3f3b6222797a1689797896ac0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "participatory_rounds_community_idx" ON "participatory_rounds"  ("community_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "participatory_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "amount_fen" bigint NOT NULL, "project_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "submitted_by" uuid NOT NULL, "eligibility" text NOT NULL DEFAULT 'pending', "ineligible_reason" text, "approvals" integer, "winner" boolean, "disbursement_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participatory_submissions_result" CHECK ((approvals IS NULL) = (winner IS NULL)), CONSTRAINT "participatory_submissions_reason" CHECK ((eligibility = 'ineligible') = (ineligible_reason IS NOT NULL)), CONSTRAINT "participatory_submissions_eligibility" CHECK (eligibility IN ('pending', 'eligible', 'ineligible')), CONSTRAINT "participatory_submissions_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_c83478231e1e1b43ba3e2e64715" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "participatory_submissions_disbursement" ON "participatory_submissions"  ("disbursement_id") WHERE disbursement_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "participatory_submissions_round_idx" ON "participatory_submissions"  ("round_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "participatory_voters" ("round_id" uuid NOT NULL, "user_id" uuid NOT NULL, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_03d0e706852ec40a5b5767633dc" PRIMARY KEY ("round_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "participatory_ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "submission_id" uuid NOT NULL, CONSTRAINT "PK_5cc6b80509470430ac4147f0278" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "participatory_ballots_count_idx" ON "participatory_ballots"  ("round_id", "submission_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_rounds" ADD CONSTRAINT "FK_1e49a735636256f8092d77cfb00" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_rounds" ADD CONSTRAINT "FK_2898a2c6c0c88940bb9756c3e79" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" ADD CONSTRAINT "FK_938ef0bfbca458eb2e679dcbda1" FOREIGN KEY ("round_id") REFERENCES "participatory_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" ADD CONSTRAINT "FK_faebd61ad4e9bbbcd97f98c8d2e" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" ADD CONSTRAINT "FK_420ba1e114b4f0eb42611233527" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" ADD CONSTRAINT "FK_b1a1c1c1e52deb9f1474c87ba8f" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" ADD CONSTRAINT "FK_6b1a7aa91320922e25596e09fe0" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_voters" ADD CONSTRAINT "FK_f644aed7fe19c92563e8831bdbc" FOREIGN KEY ("round_id") REFERENCES "participatory_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_voters" ADD CONSTRAINT "FK_06219cf8364feb913361921762a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_ballots" ADD CONSTRAINT "FK_6dbe3f8895bd756574c903ee502" FOREIGN KEY ("round_id") REFERENCES "participatory_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_ballots" ADD CONSTRAINT "FK_8a6c70b9246b133a45dbc0c6c50" FOREIGN KEY ("submission_id") REFERENCES "participatory_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "participatory_ballots" DROP CONSTRAINT "FK_8a6c70b9246b133a45dbc0c6c50"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_ballots" DROP CONSTRAINT "FK_6dbe3f8895bd756574c903ee502"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_voters" DROP CONSTRAINT "FK_06219cf8364feb913361921762a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_voters" DROP CONSTRAINT "FK_f644aed7fe19c92563e8831bdbc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" DROP CONSTRAINT "FK_6b1a7aa91320922e25596e09fe0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" DROP CONSTRAINT "FK_b1a1c1c1e52deb9f1474c87ba8f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" DROP CONSTRAINT "FK_420ba1e114b4f0eb42611233527"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" DROP CONSTRAINT "FK_faebd61ad4e9bbbcd97f98c8d2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_submissions" DROP CONSTRAINT "FK_938ef0bfbca458eb2e679dcbda1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_rounds" DROP CONSTRAINT "FK_2898a2c6c0c88940bb9756c3e79"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participatory_rounds" DROP CONSTRAINT "FK_1e49a735636256f8092d77cfb00"`,
    );
    await queryRunner.query(`DROP INDEX "participatory_ballots_count_idx"`);
    await queryRunner.query(`DROP TABLE "participatory_ballots"`);
    await queryRunner.query(`DROP TABLE "participatory_voters"`);
    await queryRunner.query(`DROP INDEX "participatory_submissions_round_idx"`);
    await queryRunner.query(`DROP INDEX "participatory_submissions_disbursement"`);
    await queryRunner.query(`DROP TABLE "participatory_submissions"`);
    await queryRunner.query(`DROP INDEX "participatory_rounds_community_idx"`);
    await queryRunner.query(`DROP TABLE "participatory_rounds"`);
  }
}
