import { Module } from '@nestjs/common';
import { DisbursementsModule } from '../disbursements/disbursements.module.js';
import { FundController } from './fund.controller.js';
import { FundService } from './fund.service.js';

/** 社区发展基金: donations, receipts, fund totals and grant proposals (the webhook side is FundDonations). */
@Module({
  imports: [DisbursementsModule],
  controllers: [FundController],
  providers: [FundService],
})
export class FundModule {}
