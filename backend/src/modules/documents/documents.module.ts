import { Module } from '@nestjs/common';
import { StorageModule } from '../../common/storage/file-storage.js';
import { DocumentScans } from './document-scans.service.js';
import { DocumentSeals } from './document-seals.service.js';
import { DocumentSubjects } from './document-subjects.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { VirusScanner } from './virus-scanner.js';

/**
 * Documents without HTTP: what the workers import (the scan) and what the modules owning subjects
 * use (DocumentsService.attach/listFor, DocumentSubjects.register).
 */
@Module({
  imports: [StorageModule],
  providers: [DocumentsService, DocumentScans, DocumentSeals, DocumentSubjects, VirusScanner],
  exports: [DocumentsService, DocumentScans, DocumentSeals, DocumentSubjects],
})
export class DocumentsCoreModule {}

@Module({ imports: [DocumentsCoreModule], controllers: [DocumentsController] })
export class DocumentsModule {}
