import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffCommunities, WaitingWork } from '../worklist/waiting-work.js';
import { countOpenNeeds } from './needs.sql.js';

/** On the home page: the open needs community staff have still to triage. */
@Injectable()
export class NeedWork implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly work: WaitingWork,
  ) {}

  onModuleInit(): void {
    this.work.register(async (user) => {
      const communities = staffCommunities(user);
      return communities.length
        ? [{ kind: 'needs_to_triage', count: await countOpenNeeds(this.dataSource, communities) }]
        : [];
    });
  }
}
