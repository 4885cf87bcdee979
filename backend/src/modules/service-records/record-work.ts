import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole } from '../../common/auth/auth-user.js';
import { WaitingWork } from '../worklist/waiting-work.js';
import { countAwaitingLead } from './service-records.sql.js';

/** On the home page: the records a project lead has still to approve or reject. */
@Injectable()
export class RecordWork implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly work: WaitingWork,
  ) {}

  onModuleInit(): void {
    this.work.register(async (user) =>
      hasRole(user, ['social_worker'])
        ? [{ kind: 'records_to_approve', count: await countAwaitingLead(this.dataSource, user.id) }]
        : [],
    );
  }
}
