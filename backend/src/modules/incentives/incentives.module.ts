import { Module } from '@nestjs/common';
import { DisbursementsCoreModule } from '../disbursements/disbursements.module.js';
import { IncentiveBonusesService } from './incentive-bonuses.service.js';
import { IncentivesController } from './incentives.controller.js';
import { IncentivesService } from './incentives.service.js';

/** Incentives without HTTP: what the workers import (scoreAndApply after each scoring run). */
@Module({
  imports: [DisbursementsCoreModule],
  providers: [IncentivesService, IncentiveBonusesService],
  exports: [IncentivesService, IncentiveBonusesService],
})
export class IncentivesCoreModule {}

@Module({
  imports: [IncentivesCoreModule],
  controllers: [IncentivesController],
  exports: [IncentivesCoreModule],
})
export class IncentivesModule {}
