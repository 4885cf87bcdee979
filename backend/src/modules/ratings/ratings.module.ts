import { Module } from '@nestjs/common';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { RatingWork } from './rating-work.js';
import { RatingsController } from './ratings.controller.js';
import { RatingsService } from './ratings.service.js';

@Module({
  imports: [WorklistCoreModule],
  controllers: [RatingsController],
  providers: [RatingsService, RatingWork],
})
export class RatingsModule {}
