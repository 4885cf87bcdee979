import { Module } from '@nestjs/common';
import { ContractsService } from './contracts.service.js';

/** Contracts made from awards, with their milestones; the routes are the evaluation controller's. */
@Module({ providers: [ContractsService], exports: [ContractsService] })
export class ContractsModule {}
