import { Module } from '@nestjs/common';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { ratingWork } from './rating-work.js';
import { RatingsController } from './ratings.controller.js';
import { RatingsService } from './ratings.service.js';

@Module({
  imports: [WorklistCoreModule],
  controllers: [RatingsController],
  providers: [RatingsService, workSource(ratingWork)],
})
export class RatingsModule {}
