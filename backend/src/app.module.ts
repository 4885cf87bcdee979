import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ScoringApiModule } from './modules/scoring/scoring.module.js';
import { ScoringWeightsModule } from './modules/scoring/scoring-weights.module.js';
import { AuthModule } from './common/auth/auth.module.js';
import { WorklistModule } from './modules/worklist/worklist.module.js';
import { ResponseHeadersInterceptor } from './common/http/response-headers.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { RateLimitGuard, rateLimits } from './common/http/rate-limit.js';
import { RateLimitModule } from './common/http/rate-limit.module.js';
import { RateLimitStore } from './common/http/rate-limit-store.js';
import { CoreModule } from './core.module.js';
import { Env } from './config/env.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { DirectoryModule } from './modules/directory/directory.module.js';
import { StorageModule } from './common/storage/file-storage.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { PeopleModule } from './modules/people/people.module.js';
import { NeedsModule } from './modules/needs/needs.module.js';
import { DeliberationModule } from './modules/deliberation/deliberation.module.js';
import { TendersModule } from './modules/tenders/tenders.module.js';
import { BidsModule } from './modules/bids/bids.module.js';
import { EvaluationModule } from './modules/evaluation/evaluation.module.js';
import { OcdsModule } from './modules/ocds/ocds.module.js';
import { PublicProjectsModule } from './modules/public-projects/public-projects.module.js';
import { ProjectsModule } from './modules/projects/projects.module.js';
import { ServiceRecordsModule } from './modules/service-records/service-records.module.js';
import { RatingsModule } from './modules/ratings/ratings.module.js';
import { LedgerModule } from './modules/ledger/ledger.module.js';
import { DisbursementsModule } from './modules/disbursements/disbursements.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { PaymentsModule } from './modules/payments/payments.module.js';
import { FundModule } from './modules/fund/fund.module.js';
import { ParticipatoryModule } from './modules/participatory/participatory.module.js';
import { IncentivesModule } from './modules/incentives/incentives.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { RegionsModule } from './modules/regions/regions.module.js';
import { GrantsModule } from './modules/grants/grants.module.js';
import { StreetSettingsModule } from './modules/street-settings/street-settings.module.js';
import { VolunteersModule } from './modules/volunteers/volunteers.module.js';

/** The HTTP API: what every process shares (CoreModule), plus auth, rate limits and every module's controllers. */
@Module({
  imports: [
    CoreModule,
    AuthModule,
    IdempotencyModule,
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [Env, RateLimitStore],
      useFactory: rateLimits,
    }),
    HealthModule,
    IdentityModule,
    RegionsModule,
    GrantsModule,
    AdminModule,
    DirectoryModule,
    ScoringApiModule,
    StorageModule,
    OrganizationsModule,
    PeopleModule,
    NeedsModule,
    DeliberationModule,
    TendersModule,
    BidsModule,
    EvaluationModule,
    OcdsModule,
    PublicProjectsModule,
    ProjectsModule,
    ServiceRecordsModule,
    RatingsModule,
    LedgerModule,
    DisbursementsModule,
    ExportsModule,
    DocumentsModule,
    PaymentsModule,
    FundModule,
    ParticipatoryModule,
    NotificationsModule,
    IncentivesModule,
    StreetSettingsModule,
    VolunteersModule,
    ScoringWeightsModule,
    WorklistModule,
  ],
  // The throttler runs before authentication, so anonymous floods are cut off early.
  providers: [
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: ResponseHeadersInterceptor },
  ],
})
export class AppModule {}
