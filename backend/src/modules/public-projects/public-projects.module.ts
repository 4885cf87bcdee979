import { Module } from '@nestjs/common';
import { PublicProjectsController } from './public-projects.controller.js';
import { PublicProjectsService } from './public-projects.service.js';

@Module({ controllers: [PublicProjectsController], providers: [PublicProjectsService] })
export class PublicProjectsModule {}
