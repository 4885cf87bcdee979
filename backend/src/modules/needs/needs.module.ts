import { Module } from '@nestjs/common';
import { NeedsController } from './needs.controller.js';
import { NeedsService } from './needs.service.js';

/** Needs without HTTP: what the tenders' core (and through it the workers) imports. */
@Module({ providers: [NeedsService], exports: [NeedsService] })
export class NeedsCoreModule {}

@Module({ imports: [NeedsCoreModule], controllers: [NeedsController], exports: [NeedsCoreModule] })
export class NeedsModule {}
