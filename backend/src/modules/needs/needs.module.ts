import { Module } from '@nestjs/common';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { needWork } from './need-work.js';
import { NeedsController } from './needs.controller.js';
import { NeedsService } from './needs.service.js';

/** Needs without HTTP: what the tenders' core (and through it the workers) imports. */
@Module({ providers: [NeedsService], exports: [NeedsService] })
export class NeedsCoreModule {}

@Module({
  imports: [NeedsCoreModule, WorklistCoreModule],
  controllers: [NeedsController],
  providers: [workSource(needWork)],
  exports: [NeedsCoreModule],
})
export class NeedsModule {}
