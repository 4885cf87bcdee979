import { Module } from '@nestjs/common';
import { IncentivesModule } from '../incentives/incentives.module.js';
import { StreetSettingsController } from './street-settings.controller.js';
import { StreetSettingsService } from './street-settings.service.js';

@Module({
  imports: [IncentivesModule],
  controllers: [StreetSettingsController],
  providers: [StreetSettingsService],
})
export class StreetSettingsModule {}
