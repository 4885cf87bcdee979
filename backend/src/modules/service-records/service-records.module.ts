import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { ServiceRecordsController } from './service-records.controller.js';
import { ServiceRecordsService } from './service-records.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [ServiceRecordsController],
  providers: [ServiceRecordsService],
})
export class ServiceRecordsModule {}
