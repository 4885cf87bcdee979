import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteers and the time bank (时间银行). Volunteers are residents who registered; activities are
 * posted by an organization (in one of its projects) or by community staff; sign-ups are capped by
 * a counter the database keeps within the capacity. Hours are recorded by the activity's organizer
 * (谁记录谁证明) and count once they have been public for 7 days without a standing objection.
 *
 * The time bank keeps its own double-entry ledger of minutes, apart from the money ledger: every
 * journal's postings sum to zero (checked at commit), journals and postings are append-only, and
 * credits enter only against a certified hours entry, once per entry.
 */
export class Volunteers1796640000000 implements MigrationInterface {
  name = 'Volunteers1796640000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "volunteers" (
         "user_id" uuid PRIMARY KEY REFERENCES "users"("id"),
         "community_id" uuid NOT NULL REFERENCES "regions"("id"),
         "skills" text[] NOT NULL DEFAULT '{}',
         "availability" text NOT NULL DEFAULT '',
         "publish_name" boolean NOT NULL DEFAULT false,
         "version" integer NOT NULL DEFAULT 1,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "volunteers_skills" CHECK (cardinality(skills) <= 20))`,
    );
    await q.query(`CREATE INDEX "volunteers_community_idx" ON "volunteers" ("community_id")`);
    await q.query(
      `CREATE TABLE "volunteer_activities" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "community_id" uuid NOT NULL REFERENCES "regions"("id"),
         "project_id" uuid REFERENCES "projects"("id"),
         "organization_id" uuid REFERENCES "organizations"("id"),
         "organizer_id" uuid NOT NULL REFERENCES "users"("id"),
         "title" text NOT NULL,
         "description" text NOT NULL DEFAULT '',
         "location" text NOT NULL DEFAULT '',
         "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "capacity" integer NOT NULL,
         "signed_up" integer NOT NULL DEFAULT 0,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "volunteer_activities_period" CHECK (ends_at > starts_at),
         CONSTRAINT "volunteer_activities_capacity" CHECK (capacity BETWEEN 1 AND 1000),
         CONSTRAINT "volunteer_activities_cap" CHECK (signed_up BETWEEN 0 AND capacity),
         CONSTRAINT "volunteer_activities_org_project" CHECK ((project_id IS NULL) = (organization_id IS NULL)))`,
    );
    await q.query(
      `CREATE INDEX "volunteer_activities_community_idx" ON "volunteer_activities" ("community_id", "starts_at", "id")`,
    );
    await q.query(
      `CREATE TABLE "volunteer_signups" (
         "activity_id" uuid NOT NULL REFERENCES "volunteer_activities"("id"),
         "volunteer_id" uuid NOT NULL REFERENCES "volunteers"("user_id"),
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         PRIMARY KEY ("activity_id", "volunteer_id"))`,
    );
    await q.query(`CREATE INDEX "volunteer_signups_volunteer_idx" ON "volunteer_signups" ("volunteer_id")`);
    await q.query(
      `CREATE TABLE "volunteer_hours" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "activity_id" uuid NOT NULL,
         "volunteer_id" uuid NOT NULL,
         "minutes" integer NOT NULL,
         "recorded_by" uuid NOT NULL REFERENCES "users"("id"),
         "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "status" text NOT NULL DEFAULT 'published',
         "objection" text,
         "objected_by" uuid REFERENCES "users"("id"),
         "resolution" text,
         "resolved_by" uuid REFERENCES "users"("id"),
         CONSTRAINT "volunteer_hours_minutes" CHECK (minutes BETWEEN 1 AND 1440),
         CONSTRAINT "volunteer_hours_status" CHECK (status IN ('published', 'objected', 'void')),
         CONSTRAINT "volunteer_hours_once" UNIQUE ("activity_id", "volunteer_id"),
         CONSTRAINT "volunteer_hours_signup" FOREIGN KEY ("activity_id", "volunteer_id") REFERENCES "volunteer_signups"("activity_id", "volunteer_id"))`,
    );
    await q.query(
      `CREATE INDEX "volunteer_hours_volunteer_idx" ON "volunteer_hours" ("volunteer_id", "recorded_at")`,
    );
    await q.query(
      `CREATE TABLE "volunteer_certificates" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "volunteer_id" uuid NOT NULL REFERENCES "volunteers"("user_id"),
         "minutes" integer NOT NULL,
         "entries" integer NOT NULL,
         "period_from" date NOT NULL,
         "period_to" date NOT NULL,
         "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "volunteer_certificates_minutes" CHECK (minutes > 0 AND entries > 0 AND period_to >= period_from))`,
    );
    await q.query(
      `CREATE INDEX "volunteer_certificates_volunteer_idx" ON "volunteer_certificates" ("volunteer_id", "issued_at")`,
    );
    await q.query(
      `CREATE TABLE "help_requests" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "community_id" uuid NOT NULL REFERENCES "regions"("id"),
         "requester_id" uuid NOT NULL REFERENCES "volunteers"("user_id"),
         "helper_id" uuid REFERENCES "volunteers"("user_id"),
         "title" text NOT NULL,
         "description" text NOT NULL DEFAULT '',
         "minutes" integer NOT NULL,
         "status" text NOT NULL DEFAULT 'open',
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "help_requests_minutes" CHECK (minutes BETWEEN 15 AND 480),
         CONSTRAINT "help_requests_status" CHECK (status IN ('open', 'accepted', 'fulfilled', 'confirmed', 'cancelled')),
         CONSTRAINT "help_requests_helper" CHECK (helper_id IS DISTINCT FROM requester_id AND (status IN ('open', 'cancelled') OR helper_id IS NOT NULL)))`,
    );
    await q.query(
      `CREATE INDEX "help_requests_community_idx" ON "help_requests" ("community_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE TABLE "time_accounts" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "kind" text NOT NULL,
         "user_id" uuid UNIQUE REFERENCES "users"("id"),
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "time_accounts_kind" CHECK (kind IN ('member', 'issued', 'held')),
         CONSTRAINT "time_accounts_owner" CHECK ((kind = 'member') = (user_id IS NOT NULL)))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "time_accounts_system_unique" ON "time_accounts" ("kind") WHERE kind <> 'member'`,
    );
    await q.query(`INSERT INTO "time_accounts" (kind) VALUES ('issued'), ('held')`);
    await q.query(
      `CREATE TABLE "time_journal" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "kind" text NOT NULL,
         "hours_id" uuid UNIQUE REFERENCES "volunteer_hours"("id"),
         "help_request_id" uuid REFERENCES "help_requests"("id"),
         "created_by" uuid NOT NULL REFERENCES "users"("id"),
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "time_journal_kind" CHECK (kind IN ('earn', 'hold', 'settle', 'release')),
         CONSTRAINT "time_journal_source" CHECK ((kind = 'earn') = (hours_id IS NOT NULL) AND (kind = 'earn') = (help_request_id IS NULL)),
         CONSTRAINT "time_journal_request_once" UNIQUE ("help_request_id", "kind"))`,
    );
    await q.query(
      `CREATE TABLE "time_postings" (
         "id" bigserial PRIMARY KEY,
         "journal_id" uuid NOT NULL REFERENCES "time_journal"("id"),
         "account_id" uuid NOT NULL REFERENCES "time_accounts"("id"),
         "minutes" integer NOT NULL,
         CONSTRAINT "time_postings_nonzero" CHECK (minutes <> 0))`,
    );
    await q.query(`CREATE INDEX "time_postings_account_idx" ON "time_postings" ("account_id", "id")`);
    await q.query(`CREATE INDEX "time_postings_journal_idx" ON "time_postings" ("journal_id")`);
    // Checked at commit, once all of a journal's postings are in: they balance, and no member
    // account is left below zero.
    await q.query(
      `CREATE FUNCTION time_postings_check() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (SELECT sum(minutes) FROM time_postings WHERE journal_id = NEW.journal_id) <> 0 THEN
           RAISE EXCEPTION 'time journal % does not balance', NEW.journal_id USING ERRCODE = 'check_violation';
         END IF;
         IF (SELECT kind FROM time_accounts WHERE id = NEW.account_id) = 'member'
            AND (SELECT sum(minutes) FROM time_postings WHERE account_id = NEW.account_id) < 0 THEN
           RAISE EXCEPTION 'time account % would go below zero', NEW.account_id USING ERRCODE = 'check_violation';
         END IF;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER "time_postings_check" AFTER INSERT ON "time_postings"
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION time_postings_check()`,
    );
    await q.query(
      `CREATE FUNCTION time_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the time ledger is append-only' USING ERRCODE = 'restrict_violation'; END $$`,
    );
    for (const table of ['time_journal', 'time_postings']) {
      await q.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION time_ledger_append_only()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'time_postings',
      'time_journal',
      'time_accounts',
      'help_requests',
      'volunteer_certificates',
      'volunteer_hours',
      'volunteer_signups',
      'volunteer_activities',
      'volunteers',
    ])
      await q.query(`DROP TABLE "${table}"`);
    await q.query(`DROP FUNCTION time_postings_check()`);
    await q.query(`DROP FUNCTION time_ledger_append_only()`);
  }
}
