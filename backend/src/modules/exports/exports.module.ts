import { Module } from '@nestjs/common';
import { StorageModule } from '../../common/storage/file-storage.js';
import { ExportBuilder } from './export-builder.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** Exports without HTTP: what the workers import (the builder, the cleanup). */
@Module({
  imports: [StorageModule],
  providers: [ExportsService, ExportBuilder],
  exports: [ExportsService, ExportBuilder],
})
export class ExportsCoreModule {}

@Module({ imports: [ExportsCoreModule], controllers: [ExportsController] })
export class ExportsModule {}
