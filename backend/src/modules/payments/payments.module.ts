import { Global, Module } from '@nestjs/common';
import { PayoutProviders } from '../disbursements/payout-provider.js';
import { ConnectService } from './connect.service.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsPayoutProviders, StripePayoutProvider, TreasuryPayoutProvider } from './payout-providers.js';
import { PayoutsService } from './payouts.service.js';
import { ReconciliationService } from './reconciliation.service.js';
import { StripeClient } from './stripe-client.js';
import { StripeEventHandlers } from './stripe-event-handlers.js';
import { StripeEventsService } from './stripe-events.service.js';

/**
 * Payment providers without HTTP: the API (approvals start payouts) and the workers (transfers,
 * reconciliation). Implements the disbursements' payout port (PayoutProviders) and reports outcomes
 * through it (PayoutOutcomes); other modules handle their Stripe events through StripeEventHandlers.
 */
@Global()
@Module({
  providers: [
    StripeClient,
    TreasuryPayoutProvider,
    StripePayoutProvider,
    { provide: PayoutProviders, useClass: PaymentsPayoutProviders },
    PayoutsService,
    StripeEventHandlers,
    StripeEventsService,
    ReconciliationService,
    ConnectService,
  ],
  exports: [
    StripeClient,
    PayoutProviders,
    PayoutsService,
    StripeEventHandlers,
    StripeEventsService,
    ReconciliationService,
    ConnectService,
  ],
})
export class PaymentsCoreModule {}

@Module({ imports: [PaymentsCoreModule], controllers: [PaymentsController] })
export class PaymentsModule {}
