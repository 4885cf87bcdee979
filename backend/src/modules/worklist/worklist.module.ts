import { Module } from '@nestjs/common';
import { WaitingWork } from './waiting-work.js';
import { WorklistController } from './worklist.controller.js';

/** The registry the modules owning queues register with (their own `*-work.ts`). */
@Module({ providers: [WaitingWork], exports: [WaitingWork] })
export class WorklistCoreModule {}

@Module({ imports: [WorklistCoreModule], controllers: [WorklistController] })
export class WorklistModule {}
