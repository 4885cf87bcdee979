import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import { hasRole } from '../../common/auth/auth-user.js';
import { WaitingWork } from '../worklist/waiting-work.js';
import { officerScope } from './organization-records.js';
import { countAwaitingReview } from './organizations.sql.js';

/** On the home page: registrations and identity changes waiting for a street officer's review. */
@Injectable()
export class OrganizationWork implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly work: WaitingWork,
  ) {}

  onModuleInit(): void {
    this.work.register(async (user) =>
      hasRole(user, ['street_officer', 'platform_admin'])
        ? [
            {
              kind: 'organizations_to_verify',
              count: await countAwaitingReview(this.dataSource, officerScope(this.access, user)),
            },
          ]
        : [],
    );
  }
}
