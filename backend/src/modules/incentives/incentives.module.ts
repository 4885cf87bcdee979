import { Module } from '@nestjs/common';
import { DisbursementsModule } from '../disbursements/disbursements.module.js';
import { IncentiveBonusesService } from './incentive-bonuses.service.js';
import { IncentivesController } from './incentives.controller.js';
import { IncentivesService } from './incentives.service.js';

@Module({
  imports: [DisbursementsModule],
  controllers: [IncentivesController],
  providers: [IncentivesService, IncentiveBonusesService],
  exports: [IncentivesService, IncentiveBonusesService],
})
export class IncentivesModule {}
