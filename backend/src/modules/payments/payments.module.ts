import { Global, Module } from '@nestjs/common';
import { FundDonations } from '../fund/fund-donations.js';
import { ConnectService } from './connect.service.js';
import { PaymentsController } from './payments.controller.js';
import { PayoutProviders, StripePayoutProvider, TreasuryPayoutProvider } from './payout-provider.js';
import { PayoutsService } from './payouts.service.js';
import { ReconciliationService } from './reconciliation.service.js';
import { StripeClient } from './stripe-client.js';
import { StripeEventsService } from './stripe-events.service.js';

/** Payment providers without HTTP: the API (approvals start payouts) and the workers (transfers, reconciliation). */
@Global()
@Module({
  providers: [
    StripeClient,
    TreasuryPayoutProvider,
    StripePayoutProvider,
    PayoutProviders,
    PayoutsService,
    StripeEventsService,
    ReconciliationService,
    ConnectService,
    FundDonations,
  ],
  exports: [
    StripeClient,
    PayoutProviders,
    PayoutsService,
    StripeEventsService,
    ReconciliationService,
    ConnectService,
  ],
})
export class PaymentsCoreModule {}

@Module({ imports: [PaymentsCoreModule], controllers: [PaymentsController] })
export class PaymentsModule {}
