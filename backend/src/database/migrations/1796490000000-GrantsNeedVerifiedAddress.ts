import { MigrationInterface, QueryRunner } from 'typeorm';

const IN_FORCE = `revoked_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())`;

/**
 * A role granted by someone takes effect only once its holder's address is verified: an account
 * someone registered with another person's address (unverified) never receives that person's role;
 * the owner, following the mailed link, sets the password and verifies the address.
 */
export class GrantsNeedVerifiedAddress1796490000000 implements MigrationInterface {
  name = 'GrantsNeedVerifiedAddress1796490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "role_memberships" AS SELECT * FROM "role_grants" g WHERE ${IN_FORCE}
        AND (granted_by IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = g.user_id AND u.email_verified_at IS NOT NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "role_memberships" AS SELECT * FROM "role_grants" WHERE ${IN_FORCE}`,
    );
  }
}
