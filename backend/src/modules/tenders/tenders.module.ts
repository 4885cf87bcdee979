import { Module } from '@nestjs/common';
import { NeedsCoreModule } from '../needs/needs.module.js';
import { TendersController } from './tenders.controller.js';
import { TendersService } from './tenders.service.js';

/** The tender domain without HTTP: what the workers import. */
@Module({ imports: [NeedsCoreModule], providers: [TendersService], exports: [TendersService] })
export class TendersCoreModule {}

@Module({ imports: [TendersCoreModule], controllers: [TendersController] })
export class TendersModule {}
