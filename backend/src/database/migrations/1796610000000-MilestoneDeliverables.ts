import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence behind the acceptance: a milestone's acceptance rule may ask for deliverable files
 * (`min_deliverables`, 0 for the milestones before it, as their rule did not ask). Community staff
 * accept such a milestone only with that many clean deliverables attached to it.
 */
export class MilestoneDeliverables1796610000000 implements MigrationInterface {
  name = 'MilestoneDeliverables1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" ADD "min_deliverables" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_min_deliverables" CHECK (min_deliverables BETWEEN 0 AND 20)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_min_deliverables"`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "min_deliverables"`);
  }
}
