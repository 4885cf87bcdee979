import { Module } from '@nestjs/common';
import { CORE_IMPORTS } from '@sanshe/backend/app.module.js';
import { ExportsCoreModule } from '@sanshe/backend/modules/exports/exports.module.js';
import { IncentivesModule } from '@sanshe/backend/modules/incentives/incentives.module.js';
import { MailModule } from '@sanshe/backend/modules/mail/mail.module.js';
import { TendersCoreModule } from '@sanshe/backend/modules/tenders/tenders.module.js';
import { CatchUp } from './catch-up.js';
import { JobHandlersRegistry } from './job-handlers.js';
import { QUEUE_PROCESSORS } from './queue-processors.js';

@Module({
  imports: [...CORE_IMPORTS, MailModule, TendersCoreModule, IncentivesModule, ExportsCoreModule],
  providers: [JobHandlersRegistry, CatchUp, ...QUEUE_PROCESSORS],
})
export class WorkersModule {}
