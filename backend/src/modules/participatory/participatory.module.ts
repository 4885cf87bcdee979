import { Module } from '@nestjs/common';
import { DisbursementsCoreModule } from '../disbursements/disbursements.module.js';
import { FundModule } from '../fund/fund.module.js';
import { ParticipatoryController } from './participatory.controller.js';
import { ParticipatoryService } from './participatory.service.js';

/** 参与式预算: rounds of a community fund put to the residents' vote, awarded as fund grants (docs/participation.md). */
@Module({
  imports: [DisbursementsCoreModule, FundModule],
  controllers: [ParticipatoryController],
  providers: [ParticipatoryService],
})
export class ParticipatoryModule {}
