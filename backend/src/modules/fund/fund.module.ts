import { Module } from '@nestjs/common';
import { DisbursementsCoreModule } from '../disbursements/disbursements.module.js';
import { FundDonations } from './fund-donations.js';
import { FundGrantsService } from './fund-grants.service.js';
import { FundController } from './fund.controller.js';
import { FundService } from './fund.service.js';

/**
 * 社区发展基金: donations, receipts, fund totals and grant proposals. FundDonations registers the paid
 * Checkout events with the payments module's StripeEventHandlers.
 */
@Module({
  imports: [DisbursementsCoreModule],
  controllers: [FundController],
  providers: [FundService, FundGrantsService, FundDonations],
  exports: [FundGrantsService],
})
export class FundModule {}
