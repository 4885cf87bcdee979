import { Injectable, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';

/** What can wait for someone, each answered by a list of its own elsewhere in the app. */
export const WORK_KINDS = [
  'approvals',
  'records_to_approve',
  'resident_requests',
  'needs_to_triage',
  'submissions_to_check',
  'ratings_to_moderate',
  'services_to_rate',
  'tenders_to_score',
  'bids_due',
  'organizations_to_verify',
  'invitations',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** How many items of a kind wait for the caller. */
export interface WaitingItem {
  kind: WorkKind;
  count: number;
}

/** The communities in which the user is community staff. */
export const staffCommunities = (user: AuthUser): string[] =>
  user.memberships.filter((m) => m.role === 'community_staff' && m.regionId).map((m) => m.regionId!);

/**
 * How a module says what of its own waits for a user: only the kinds the user's roles can act on
 * (a count of 0 included, so the home page can say "nothing waiting"), none otherwise.
 */
export type WorkSource = (user: AuthUser, on: WorkContext) => Promise<WaitingItem[]>;

/** What a source counts with. */
export interface WorkContext {
  db: DataSource;
  access: AccessService;
}

/**
 * The registry of waiting work: each module registers the source of its own queues (as the
 * document subjects do), so this module imports none of them.
 */
@Injectable()
export class WaitingWork {
  private readonly sources: WorkSource[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  register(source: WorkSource): WorkSource {
    this.sources.push(source);
    return source;
  }

  /** Everything waiting for the user, in the order of WORK_KINDS. */
  async of(user: AuthUser): Promise<WaitingItem[]> {
    const on = { db: this.dataSource, access: this.access };
    const found = (await Promise.all(this.sources.map((source) => source(user, on)))).flat();
    const order = (item: WaitingItem) => WORK_KINDS.indexOf(item.kind);
    return found.sort((a, b) => order(a) - order(b));
  }
}

/** The provider by which a module registers its source of waiting work (`providers: [workSource(x)]`). */
export const workSource = (source: WorkSource): Provider => ({
  provide: `waiting-work:${source.name}`,
  inject: [WaitingWork],
  useFactory: (work: WaitingWork) => work.register(source),
});
