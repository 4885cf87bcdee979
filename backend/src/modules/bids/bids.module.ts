import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { BidsController } from './bids.controller.js';
import { BidsService } from './bids.service.js';

@Module({
  imports: [DocumentsCoreModule],
  controllers: [BidsController],
  providers: [BidsService],
  exports: [BidsService],
})
export class BidsModule {}
