import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type AuthUser } from '../../common/auth/auth-user.js';
import { staffCommunities, WaitingWork, type WaitingItem } from '../worklist/waiting-work.js';
import { countReported, countUnrated } from './ratings.sql.js';

/** On the home page: the services a resident has yet to rate; the reported comments staff must decide. */
@Injectable()
export class RatingWork implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly work: WaitingWork,
  ) {}

  onModuleInit(): void {
    this.work.register((user) => this.waiting(user));
  }

  private async waiting(user: AuthUser): Promise<WaitingItem[]> {
    const items: WaitingItem[] = [];
    if (hasRole(user, ['resident']))
      items.push({ kind: 'services_to_rate', count: await countUnrated(this.dataSource, user.id) });
    const communities = staffCommunities(user);
    if (communities.length)
      items.push({ kind: 'ratings_to_moderate', count: await countReported(this.dataSource, communities) });
    return items;
  }
}
