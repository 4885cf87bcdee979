import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliberation (docs/participation.md): consultations put to a community's verified residents,
 * their options, comments, voter roll and ballots (a secret ballot names no voter), the needs a
 * resolution put on the needs list, and residents' council meetings with attendance and minutes.
 * The voter roll's primary key is the one-vote rule.
 */
export class Deliberation1796630000000 implements MigrationInterface {
  name = 'Deliberation1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consultations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "region_id" uuid NOT NULL, "title" text NOT NULL, "question" text NOT NULL, "allow_proposals" boolean NOT NULL, "secret" boolean NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "minutes" text, "opened_by" uuid NOT NULL, "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultations_minutes" CHECK ((status = 'closed') = (minutes IS NOT NULL)), CONSTRAINT "consultations_period" CHECK (closes_at > opens_at), CONSTRAINT "consultations_status" CHECK (status IN ('open', 'closed')), CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "consultations_community_idx" ON "consultations"  ("community_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_options" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "label" text NOT NULL, "proposed_by" uuid, "moderation" text NOT NULL DEFAULT 'visible', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultation_options_moderation" CHECK (moderation IN ('visible', 'reported', 'hidden')), CONSTRAINT "PK_5d2f4aa7ab834294f366d20e1bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "consultation_options_consultation_idx" ON "consultation_options"  ("consultation_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "moderation" text NOT NULL DEFAULT 'visible', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultation_comments_moderation" CHECK (moderation IN ('visible', 'reported', 'hidden')), CONSTRAINT "PK_3db1da6beebcdf7472f063a54a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "consultation_comments_consultation_idx" ON "consultation_comments"  ("consultation_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_voters" ("consultation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f941d11dffcd2a0f6551fcc922" PRIMARY KEY ("consultation_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "option_id" uuid NOT NULL, "secret" boolean NOT NULL, "voter_id" uuid, CONSTRAINT "consultation_ballots_secrecy" CHECK (secret = (voter_id IS NULL)), CONSTRAINT "PK_3050c9a43520b8116f32cfbd646" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "consultation_ballots_one_open_vote" ON "consultation_ballots"  ("consultation_id", "voter_id") WHERE voter_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "consultation_ballots_count_idx" ON "consultation_ballots"  ("consultation_id", "option_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "community_id" uuid NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "place" text NOT NULL, "agenda" text array NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "minutes" text, "created_by" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "meetings_minutes" CHECK ((status = 'held') = (minutes IS NOT NULL)), CONSTRAINT "meetings_status" CHECK (status IN ('scheduled', 'held')), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "meetings_community_idx" ON "meetings"  ("community_id", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "name" text NOT NULL, "capacity" text NOT NULL, "user_id" uuid, CONSTRAINT "meeting_attendance_capacity" CHECK (capacity IN ('resident', 'staff', 'organization', 'other')), CONSTRAINT "PK_1ece13054cdfcd65f8487e71267" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "meeting_attendance_meeting_idx" ON "meeting_attendance"  ("meeting_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "consultation_needs" ("need_id" uuid NOT NULL, "consultation_id" uuid NOT NULL, CONSTRAINT "PK_cc08a7c813973cb3e5c21ac0a91" PRIMARY KEY ("need_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "consultation_needs_consultation_idx" ON "consultation_needs"  ("consultation_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "FK_107728f24c821cec4ef77b0c9e0" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "FK_46f7bc411899f89dc16a50cb527" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "FK_b2faed23cd4392418aa73aa0c79" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD CONSTRAINT "FK_359a673e5f8c24cac7fe315e4c8" FOREIGN KEY ("closed_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_options" ADD CONSTRAINT "FK_a3074579b107e17474b8c3f6fc2" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_options" ADD CONSTRAINT "FK_aeb847b16060ad225b6c0e35099" FOREIGN KEY ("proposed_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_comments" ADD CONSTRAINT "FK_8e594f918ea5123f2e70b391769" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_comments" ADD CONSTRAINT "FK_c287530314de1b57176cef09dfb" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_voters" ADD CONSTRAINT "FK_37a3d0be6723e78d1b0e14a8266" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_voters" ADD CONSTRAINT "FK_b3eb67fbef6f67823edda223d30" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_ballots" ADD CONSTRAINT "FK_48d1fbc0c9b73a7fa735a3b3a60" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_ballots" ADD CONSTRAINT "FK_0b1bac9686fe6e8af912213a141" FOREIGN KEY ("option_id") REFERENCES "consultation_options"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_ballots" ADD CONSTRAINT "FK_207ad57f8674c7efa96d8a50a45" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "FK_4c964404950ac7d27d19d650421" FOREIGN KEY ("community_id") REFERENCES "regions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "FK_be6ff3e68963349ea42cf55319e" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_attendance" ADD CONSTRAINT "FK_2bf53a2dc49796d33484ed1fe5c" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_attendance" ADD CONSTRAINT "FK_58f3823e0aed0b1076074be7267" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_needs" ADD CONSTRAINT "FK_cc08a7c813973cb3e5c21ac0a91" FOREIGN KEY ("need_id") REFERENCES "needs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consultation_needs" ADD CONSTRAINT "FK_29f8c835a8880d129e48d96dbac" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "consultation_needs"`);
    await queryRunner.query(`DROP TABLE "meeting_attendance"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP TABLE "consultation_ballots"`);
    await queryRunner.query(`DROP TABLE "consultation_voters"`);
    await queryRunner.query(`DROP TABLE "consultation_comments"`);
    await queryRunner.query(`DROP TABLE "consultation_options"`);
    await queryRunner.query(`DROP TABLE "consultations"`);
  }
}
