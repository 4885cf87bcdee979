import { Module } from '@nestjs/common';
import { workSource } from '../worklist/waiting-work.js';
import { WorklistCoreModule } from '../worklist/worklist.module.js';
import { organizationWork } from './organization-work.js';
import { OrganizationDocumentsService } from './organization-documents.service.js';
import { IdentityChangesService } from './identity-changes.service.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { StandingService } from './standing.service.js';
import { VerificationService } from './verification.service.js';

@Module({
  imports: [WorklistCoreModule],
  controllers: [OrganizationsController],
  providers: [
    workSource(organizationWork),
    OrganizationsService,
    VerificationService,
    IdentityChangesService,
    StandingService,
    OrganizationDocumentsService,
  ],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
