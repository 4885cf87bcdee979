import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WaitingWork } from '../worklist/waiting-work.js';
import { signerPaths } from './disbursement-views.service.js';
import { countAwaiting } from './disbursements.sql.js';

/** On the home page: how many disbursements wait at the caller's step (the approvals inbox). */
@Injectable()
export class DisbursementWork implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly work: WaitingWork,
  ) {}

  onModuleInit(): void {
    this.work.register(async (user) => {
      const signer = signerPaths(user);
      if (!signer.communityStaff.length && !signer.streetFinance.length && !signer.streetDirector.length)
        return [];
      return [{ kind: 'approvals', count: await countAwaiting(this.dataSource, signer) }];
    });
  }
}
