import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ledger1795631975455 implements MigrationInterface {
  name = 'Ledger1795631975455';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "street_id" uuid, "organization_id" uuid, "contract_id" uuid, "year" integer, "currency" character(3) NOT NULL DEFAULT 'CNY', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ledger_accounts_kind" CHECK (kind IN ('appropriation', 'budget', 'commitment', 'payable', 'clearing', 'fund', 'incentive_pool')), CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_accounts_code_unique" ON "ledger_accounts"  ("code") `,
    );
    await queryRunner.query(`CREATE INDEX "ledger_accounts_street_idx" ON "ledger_accounts"  ("street_id") `);
    await queryRunner.query(
      `CREATE TABLE "journal_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "memo" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a70368e64230434457c8d007ab3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "journal_entries_reference_unique" ON "journal_entries"  ("reference") `,
    );
    await queryRunner.query(
      `CREATE TABLE "postings" ("id" BIGSERIAL NOT NULL, "entry_id" uuid NOT NULL, "account_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "currency" character(3) NOT NULL DEFAULT 'CNY', CONSTRAINT "postings_nonzero" CHECK (amount_fen <> 0), CONSTRAINT "PK_6bdb1a5dc47d018aa7877aa9ffb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "postings_entry_idx" ON "postings"  ("entry_id") `);
    await queryRunner.query(`CREATE INDEX "postings_account_idx" ON "postings"  ("account_id") `);
    await queryRunner.query(
      `ALTER TABLE "postings" ADD CONSTRAINT "FK_0569b3f908fc1a0ebe00ba6f520" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "postings" ADD CONSTRAINT "FK_ac1cc8f2427d2c734232fffc10b" FOREIGN KEY ("account_id") REFERENCES "ledger_accounts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // Double entry, enforced by the database: at commit, every touched entry's postings sum to zero per currency.
    await queryRunner.query(`CREATE FUNCTION postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record;
      BEGIN
        SELECT currency, sum(amount_fen) AS total INTO unbalanced FROM postings
         WHERE entry_id = COALESCE(NEW.entry_id, OLD.entry_id) GROUP BY currency HAVING sum(amount_fen) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance: % % left over', COALESCE(NEW.entry_id, OLD.entry_id), unbalanced.total, unbalanced.currency
            USING ERRCODE = '23514', CONSTRAINT = 'postings_balanced';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT OR UPDATE OR DELETE ON "postings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION postings_balanced()`,
    );
    // Posted is posted: corrections are new entries.
    await queryRunner.query(`CREATE FUNCTION postings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'postings are append-only'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON "postings" FOR EACH ROW EXECUTE FUNCTION postings_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER postings_append_only ON "postings"`);
    await queryRunner.query(`DROP FUNCTION postings_append_only()`);
    await queryRunner.query(`DROP TRIGGER postings_balanced ON "postings"`);
    await queryRunner.query(`DROP FUNCTION postings_balanced()`);
    await queryRunner.query(`ALTER TABLE "postings" DROP CONSTRAINT "FK_ac1cc8f2427d2c734232fffc10b"`);
    await queryRunner.query(`ALTER TABLE "postings" DROP CONSTRAINT "FK_0569b3f908fc1a0ebe00ba6f520"`);
    await queryRunner.query(`DROP INDEX "postings_account_idx"`);
    await queryRunner.query(`DROP INDEX "postings_entry_idx"`);
    await queryRunner.query(`DROP TABLE "postings"`);
    await queryRunner.query(`DROP INDEX "journal_entries_reference_unique"`);
    await queryRunner.query(`DROP TABLE "journal_entries"`);
    await queryRunner.query(`DROP INDEX "ledger_accounts_street_idx"`);
    await queryRunner.query(`DROP INDEX "ledger_accounts_code_unique"`);
    await queryRunner.query(`DROP TABLE "ledger_accounts"`);
  }
}
