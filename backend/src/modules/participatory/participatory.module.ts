import { Module } from '@nestjs/common';
import { DisbursementsCoreModule } from '../disbursements/disbursements.module.js';
import { FundModule } from '../fund/fund.module.js';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { participatoryWork } from './participatory-work.js';
import { ParticipatoryController } from './participatory.controller.js';
import { ParticipatoryService } from './participatory.service.js';

/** 参与式预算: rounds of a community fund put to the residents' vote, awarded as fund grants (docs/participation.md). */
@Module({
  imports: [DisbursementsCoreModule, FundModule, WorklistCoreModule],
  controllers: [ParticipatoryController],
  providers: [ParticipatoryService, workSource(participatoryWork)],
})
export class ParticipatoryModule {}
