import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { bidWork } from './bid-work.js';
import { BidsController } from './bids.controller.js';
import { BidsService } from './bids.service.js';

@Module({
  imports: [DocumentsCoreModule, WorklistCoreModule],
  controllers: [BidsController],
  providers: [BidsService, workSource(bidWork)],
  exports: [BidsService],
})
export class BidsModule {}
