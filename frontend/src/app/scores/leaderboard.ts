import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Api } from '../api/api';
import { scoringLeaderboard } from '../api/fn/scores/scoring-leaderboard';
import type { LeaderboardPageDto } from '../api/models';
import { failureText } from '../shared/api-error';
import { I18n } from '../i18n/i18n.service';
import { ReferenceData } from '../shared/reference-data';
import { LEADERBOARD_URL, type LeaderboardFilters, leaderboardParams } from './leaderboard-query';
import { formatNumber } from './score-explanation';
import { TierTag, tierChoices } from '../shared/tier-tag';
import { scopeChoices } from '../shared/choice-select';
import { ListFilterSelects, listFilter } from '../shared/filter-select';
import { CardsOnPhone } from '../shared/cards-on-phone';
import { ListQuery, reloadOn } from '../shared/list-query';

/**
 * A street's performance leaderboard: public, like the scores it sorts (PRODUCT §8). Filters by tier,
 * service category and community; the street and the filters are in the address, so a board can be shared.
 */
@Component({
  selector: 'app-leaderboard',
  imports: [
    CardsOnPhone,
    ListFilterSelects,
    RouterLink,
    NzTableModule,
    NzButtonModule,
    NzAlertModule,
    TierTag,
  ],
  templateUrl: './leaderboard.html',
  styleUrl: './leaderboard.css',
})
export class Leaderboard {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = this.i18n.t;

  private readonly query = new ListQuery(LEADERBOARD_URL);
  private readonly picked = this.query.value;
  /** The street picked (in the address), else the first street. */
  protected readonly streetId = computed(() => this.picked().street ?? this.ref.streets()[0]?.id ?? null);

  protected readonly filters = computed<LeaderboardFilters | null>(() => {
    const streetId = this.streetId();
    const { tier, category, community } = this.picked();
    return streetId ? { streetId, tiers: tier, category, communityId: community } : null;
  });
  /** The street, then the filters within it: tiers, category and a community of the street. */
  protected readonly selects = computed(() => {
    const p = this.picked();
    const streets = scopeChoices(this.ref.streets());
    const communities = scopeChoices(this.ref.communities().filter((c) => c.parentId === this.streetId()));
    return [
      // Another street forgets the community picked: it is one of the other street's.
      listFilter(
        'street',
        'leaderboard.street',
        streets,
        this.streetId(),
        (street) => street && this.query.set({ street, community: null }),
        { required: true },
      ),
      listFilter(
        'tier',
        'leaderboard.tiers',
        tierChoices(this.t),
        p.tier,
        (tier) => this.query.set({ tier }),
        { multiple: true },
      ),
      listFilter('category', 'leaderboard.category', 'categories', p.category, (category) =>
        this.query.set({ category }),
      ),
      listFilter('community', 'leaderboard.community', communities, p.community, (community) =>
        this.query.set({ community }),
      ),
    ];
  });

  protected readonly board = signal<LeaderboardPageDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<string | null>(null);
  private generation = 0;

  constructor() {
    this.ref.load().catch(() => undefined);
    reloadOn(this.filters, (filters) => filters && this.load(filters));
  }

  /** The filters cleared; the street stays. */
  protected reset(): void {
    this.query.set({ tier: [], category: null, community: null });
  }

  protected num(value: number): string {
    return formatNumber(value, this.i18n.lang(), 2);
  }

  /** The next page, appended under the rows shown (ranks count over the whole board). */
  protected async more(): Promise<void> {
    const filters = this.filters();
    const shown = this.board();
    if (!filters || !shown?.nextCursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    try {
      const next = await this.api.invoke(scoringLeaderboard, leaderboardParams(filters, shown.nextCursor));
      if (generation !== this.generation) return;
      const seen = new Set(shown.items.map((i) => i.organizationId));
      this.board.set({
        ...next,
        items: [...shown.items, ...next.items.filter((i) => !seen.has(i.organizationId))],
      });
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.loadingMore.set(false);
    }
  }

  private async load(filters: LeaderboardFilters): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const board = await this.api.invoke(scoringLeaderboard, leaderboardParams(filters));
      if (generation === this.generation) this.board.set(board);
    } catch (err) {
      if (generation !== this.generation) return;
      this.board.set(null);
      this.error.set(failureText(err, this.t));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}
