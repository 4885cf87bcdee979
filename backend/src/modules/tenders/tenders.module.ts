import { Module } from '@nestjs/common';
import { DocumentsCoreModule } from '../documents/documents.module.js';
import { NeedsCoreModule } from '../needs/needs.module.js';
import { OcdsCoreModule } from '../ocds/ocds.module.js';
import { TenderDocumentsService } from './tender-documents.service.js';
import { TendersController } from './tenders.controller.js';
import { TenderAmendmentsService } from './tender-amendments.service.js';
import { TenderEnquiriesService } from './tender-enquiries.service.js';
import { TenderSchedule } from './tender-schedule.js';
import { TendersService } from './tenders.service.js';

/** The tender domain without HTTP: what the workers import. */
@Module({
  imports: [NeedsCoreModule, DocumentsCoreModule, OcdsCoreModule],
  providers: [
    TendersService,
    TenderAmendmentsService,
    TenderEnquiriesService,
    TenderSchedule,
    TenderDocumentsService,
  ],
  exports: [TendersService, TenderAmendmentsService, TenderEnquiriesService, TenderDocumentsService],
})
export class TendersCoreModule {}

@Module({ imports: [TendersCoreModule], controllers: [TendersController] })
export class TendersModule {}
