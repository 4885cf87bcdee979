import { Module } from '@nestjs/common';
import { NeedsCoreModule } from '../needs/needs.module.js';
import { ConsultationsService } from './consultations.service.js';
import { DeliberationController } from './deliberation.controller.js';
import { DiscussionService } from './discussion.service.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsService } from './meetings.service.js';

/** Consultations, their resolutions into needs, and residents' council meetings (docs/participation.md). */
@Module({
  imports: [NeedsCoreModule],
  providers: [ConsultationsService, DiscussionService, MeetingsService],
  controllers: [DeliberationController, MeetingsController],
})
export class DeliberationModule {}
