import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ServiceRecordsController } from './service-records.controller.js';
import { ServiceRecordsService } from './service-records.service.js';

@Module({
  imports: [ProjectsModule, DocumentsCoreModule],
  controllers: [ServiceRecordsController],
  providers: [ServiceRecordsService],
})
export class ServiceRecordsModule {}
