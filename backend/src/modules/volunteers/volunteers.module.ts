import { Module } from '@nestjs/common';
import { TimeBankController } from './time-bank.controller.js';
import { TimeBankService } from './time-bank.service.js';
import { VolunteerCertificatesService } from './volunteer-certificates.service.js';
import { VolunteerHoursService } from './volunteer-hours.service.js';
import { VolunteersController } from './volunteers.controller.js';
import { VolunteersService } from './volunteers.service.js';

/** Volunteers, their hours and certificates, and the time bank (时间银行). */
@Module({
  providers: [VolunteersService, VolunteerHoursService, VolunteerCertificatesService, TimeBankService],
  controllers: [VolunteersController, TimeBankController],
})
export class VolunteersModule {}
