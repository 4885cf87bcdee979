import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { recordWork } from './record-work.js';
import { ServiceRecordsController } from './service-records.controller.js';
import { ServiceRecordsService } from './service-records.service.js';

@Module({
  imports: [ProjectsModule, DocumentsCoreModule, WorklistCoreModule],
  controllers: [ServiceRecordsController],
  providers: [ServiceRecordsService, workSource(recordWork)],
})
export class ServiceRecordsModule {}
