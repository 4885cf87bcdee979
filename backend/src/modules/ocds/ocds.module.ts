import { Module } from '@nestjs/common';
import { StorageModule } from '../../common/storage/file-storage.js';
import { OcdsBulkTrigger } from './ocds-bulk-trigger.js';
import { OcdsBulkService } from './ocds-bulk.service.js';
import { OcdsController } from './ocds.controller.js';
import { OcdsService } from './ocds.service.js';

/** OCDS without HTTP: what the workers import (the bulk file's rewrite) and what asks for it. */
@Module({
  imports: [StorageModule],
  providers: [OcdsService, OcdsBulkService, OcdsBulkTrigger],
  exports: [OcdsService, OcdsBulkService, OcdsBulkTrigger],
})
export class OcdsCoreModule {}

@Module({ imports: [OcdsCoreModule], controllers: [OcdsController] })
export class OcdsModule {}
