import { Module } from '@nestjs/common';
import { ProjectsCoreModule } from '../projects/projects.module.js';
import { DisbursementsController } from './disbursements.controller.js';
import { DisbursementsService } from './disbursements.service.js';

/** Disbursements without HTTP: what grants, incentives and the workers import. */
@Module({ imports: [ProjectsCoreModule], providers: [DisbursementsService], exports: [DisbursementsService] })
export class DisbursementsCoreModule {}

@Module({
  imports: [DisbursementsCoreModule],
  controllers: [DisbursementsController],
  exports: [DisbursementsCoreModule],
})
export class DisbursementsModule {}
