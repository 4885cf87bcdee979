import { Global, Module } from '@nestjs/common';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { ProjectsCoreModule } from '../projects/projects.module.js';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { DisbursementViewsService } from './disbursement-views.service.js';
import { disbursementWork } from './disbursement-work.js';
import { DisbursementsController } from './disbursements.controller.js';
import { DisbursementsService } from './disbursements.service.js';
import { MilestoneDeliverablesService } from './milestone-deliverables.service.js';
import { PayoutOutcomes } from './payout-provider.js';
import { PayoutSettlementService } from './payout-settlement.service.js';

/**
 * Global: the outcome of payouts, for the API and the workers (imported once, by CoreModule). The
 * payments module reports through the port (PayoutOutcomes) without knowing this module's services.
 */
@Global()
@Module({
  providers: [PayoutSettlementService, { provide: PayoutOutcomes, useExisting: PayoutSettlementService }],
  exports: [PayoutSettlementService, PayoutOutcomes],
})
export class PayoutOutcomesModule {}

/** Disbursements without HTTP: what fund grants, incentives and the workers import. */
@Module({
  imports: [ProjectsCoreModule, DocumentsCoreModule],
  providers: [DisbursementsService, DisbursementViewsService, MilestoneDeliverablesService],
  exports: [DisbursementsService, DisbursementViewsService],
})
export class DisbursementsCoreModule {}

@Module({
  imports: [DisbursementsCoreModule, WorklistCoreModule],
  controllers: [DisbursementsController],
  providers: [workSource(disbursementWork)],
  exports: [DisbursementsCoreModule],
})
export class DisbursementsModule {}
