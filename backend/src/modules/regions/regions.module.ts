import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { RegionsAdminController } from './regions-admin.controller.js';
import { RegionsController } from './regions.controller.js';
import { RegionsService } from './regions.service.js';

@Module({
  imports: [CatalogModule],
  controllers: [RegionsController, RegionsAdminController],
  providers: [RegionsService],
  exports: [RegionsService],
})
export class RegionsModule {}
