import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service.js';

/** Scope checks, needed by domain services wherever they run (API or workers). */
@Global()
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}
