import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { staffCommunities, WaitingWork, type WaitingItem } from '../worklist/waiting-work.js';
import { countInvitations, countPendingResidents } from './people.sql.js';

/** On the home page: residents waiting to be verified by community staff; anyone's invitations to join. */
@Injectable()
export class PeopleWork implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly work: WaitingWork,
  ) {}

  onModuleInit(): void {
    this.work.register((user) => this.waiting(user));
  }

  private async waiting(user: AuthUser): Promise<WaitingItem[]> {
    const items: WaitingItem[] = [];
    const communities = staffCommunities(user);
    if (communities.length)
      items.push({
        kind: 'resident_requests',
        count: await countPendingResidents(this.dataSource, communities),
      });
    const invitations = await countInvitations(this.dataSource, user.id);
    // Only when there are some: most users are never invited, and no list is theirs to open.
    if (invitations) items.push({ kind: 'invitations', count: invitations });
    return items;
  }
}
