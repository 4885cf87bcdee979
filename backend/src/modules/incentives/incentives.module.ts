import { Module } from '@nestjs/common';
import { DisbursementsCoreModule } from '../disbursements/disbursements.module.js';
import { IncentivesController } from './incentives.controller.js';
import { IncentivesService } from './incentives.service.js';

/** Incentive bonuses without HTTP: what the workers import (applied after each scoring run). */
@Module({ imports: [DisbursementsCoreModule], providers: [IncentivesService], exports: [IncentivesService] })
export class IncentivesCoreModule {}

@Module({
  imports: [IncentivesCoreModule],
  controllers: [IncentivesController],
  exports: [IncentivesCoreModule],
})
export class IncentivesModule {}
