import { Module } from '@nestjs/common';
import { OrganizationDocumentsService } from './organization-documents.service.js';
import { IdentityChangesService } from './identity-changes.service.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { StandingService } from './standing.service.js';
import { VerificationService } from './verification.service.js';

@Module({
  controllers: [OrganizationsController],
  providers: [
    OrganizationsService,
    VerificationService,
    IdentityChangesService,
    StandingService,
    OrganizationDocumentsService,
  ],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
