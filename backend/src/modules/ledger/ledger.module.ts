import { Global, Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller.js';
import { LedgerService } from './ledger.service.js';

/** Global: every module that moves money posts through the one LedgerService (API and workers). */
@Global()
@Module({ providers: [LedgerService], exports: [LedgerService] })
export class LedgerCoreModule {}

@Module({ imports: [LedgerCoreModule], controllers: [LedgerController] })
export class LedgerModule {}
