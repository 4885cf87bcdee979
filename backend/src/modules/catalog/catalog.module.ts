import { Module } from '@nestjs/common';
import { CatalogAdminController } from './catalog-admin.controller.js';
import { CatalogService } from './catalog.service.js';

@Module({ controllers: [CatalogAdminController], providers: [CatalogService], exports: [CatalogService] })
export class CatalogModule {}
