import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './common/audit/audit.module.js';
import { AccessModule } from './common/auth/access.module.js';
import { loggerOptions } from './common/http/logger.js';
import { ConfigModule } from './config/config.module.js';
import { Env } from './config/env.js';
import { dataSourceOptions } from './database/data-source.js';
import { JobsModule } from './jobs/jobs.module.js';
import { PayoutOutcomesModule } from './modules/disbursements/disbursements.module.js';
import { DocumentsCoreModule } from './modules/documents/documents.module.js';
import { ExportsCoreModule } from './modules/exports/exports.module.js';
import { IncentivesCoreModule } from './modules/incentives/incentives.module.js';
import { LedgerCoreModule } from './modules/ledger/ledger.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { NotificationsCoreModule } from './modules/notifications/notifications.module.js';
import { OcdsCoreModule } from './modules/ocds/ocds.module.js';
import { PaymentsCoreModule } from './modules/payments/payments.module.js';
import { ScoringModule } from './modules/scoring/scoring.module.js';
import { TendersCoreModule } from './modules/tenders/tenders.module.js';

/** The domain services that also run outside HTTP (the workers' jobs), each from its module's core. */
const DOMAIN_CORES = [
  MailModule,
  TendersCoreModule,
  IncentivesCoreModule,
  ExportsCoreModule,
  DocumentsCoreModule,
  OcdsCoreModule,
];

/**
 * What every process shares, without HTTP: config, logging, database, queues, audit, scope checks
 * and the domain services that run outside requests. No controllers and no HTTP-only module (auth
 * guard, rate limits, idempotency, Bull Board, Swagger): the API (AppModule) adds those, the
 * workers (WorkersModule) add the queue processors.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [Env], useFactory: (env: Env) => loggerOptions(env) }),
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env),
        // The OpenAPI export (openapi-export.ts) reads the routes only: no database needed to describe them.
        manualInitialization: process.env.OPENAPI_EXPORT === '1',
      }),
    }),
    JobsModule,
    AuditModule,
    AccessModule,
    ScoringModule,
    LedgerCoreModule,
    PayoutOutcomesModule,
    PaymentsCoreModule,
    NotificationsCoreModule,
    ...DOMAIN_CORES,
  ],
  exports: DOMAIN_CORES,
})
export class CoreModule {}
