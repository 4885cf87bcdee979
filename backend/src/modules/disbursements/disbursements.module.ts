import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { DisbursementsController } from './disbursements.controller.js';
import { DisbursementsService } from './disbursements.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [DisbursementsController],
  providers: [DisbursementsService],
  exports: [DisbursementsService],
})
export class DisbursementsModule {}
