import { Module } from '@nestjs/common';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';

/** Projects without HTTP: what other domain services (and through them the workers) import. */
@Module({ providers: [ProjectsService], exports: [ProjectsService] })
export class ProjectsCoreModule {}

@Module({ imports: [ProjectsCoreModule], controllers: [ProjectsController], exports: [ProjectsCoreModule] })
export class ProjectsModule {}
