import { Module } from '@nestjs/common';
import { CORE_IMPORTS } from '@sanshe/backend/app.module.js';
import { MailModule } from '@sanshe/backend/modules/mail/mail.module.js';
import { JobHandlersRegistry } from './job-handlers.js';
import { QUEUE_PROCESSORS } from './queue-processors.js';

@Module({
  imports: [...CORE_IMPORTS, MailModule],
  providers: [JobHandlersRegistry, ...QUEUE_PROCESSORS],
})
export class WorkersModule {}
