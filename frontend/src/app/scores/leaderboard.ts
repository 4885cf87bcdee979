import { Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Api } from '../api/api';
import { scoringLeaderboard } from '../api/fn/scores/scoring-leaderboard';
import type { LeaderboardPageDto, Tier } from '../api/models';
import { failureText } from '../shared/api-error';
import { I18n } from '../i18n/i18n.service';
import { ReferenceData } from '../shared/reference-data';
import { type LeaderboardFilters, leaderboardParams } from './leaderboard-query';
import { formatNumber } from './score-explanation';
import { TierTag, tierChoices } from '../shared/tier-tag';
import { scopeChoices } from '../shared/choice-select';
import { ListFilterSelects, listFilter } from '../shared/filter-select';
import { CardsOnPhone } from '../shared/cards-on-phone';
import { reloadOn } from '../shared/list-query';

/**
 * A street's performance leaderboard: public, like the scores it sorts (PRODUCT §8). The street is in the
 * address (`?street=`), so a board can be shared; filters by tier, service category and community.
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
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(I18n);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = this.i18n.t;

  /** Picked street; until then the one in the address, else the first street. */
  private readonly pickedStreet = signal<string | null>(this.route.snapshot.queryParamMap.get('street'));
  protected readonly streetId = computed(() => this.pickedStreet() ?? this.ref.streets()[0]?.id ?? null);
  protected readonly tiers = signal<Tier[]>([]);
  protected readonly category = signal<string | null>(null);
  protected readonly communityId = signal<string | null>(null);

  protected readonly filters = computed<LeaderboardFilters | null>(() => {
    const streetId = this.streetId();
    return streetId
      ? {
          streetId,
          tiers: this.tiers(),
          category: this.category(),
          communityId: this.communityId(),
        }
      : null;
  });
  /** The street, then the filters within it: tiers, category and a community of the street. */
  protected readonly selects = computed(() => {
    const streets = scopeChoices(this.ref.streets());
    const communities = scopeChoices(this.ref.communities().filter((c) => c.parentId === this.streetId()));
    return [
      listFilter('street', 'leaderboard.street', streets, this.streetId(), (v) => v && this.setStreet(v), {
        required: true,
      }),
      listFilter('tier', 'leaderboard.tiers', tierChoices(this.t), this.tiers(), (v) => this.tiers.set(v), {
        multiple: true,
      }),
      listFilter('category', 'leaderboard.category', 'categories', this.category(), (v) =>
        this.category.set(v),
      ),
      listFilter('community', 'leaderboard.community', communities, this.communityId(), (v) =>
        this.communityId.set(v),
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

  protected setStreet(streetId: string): void {
    this.pickedStreet.set(streetId);
    this.communityId.set(null);
    void this.router.navigate([], { queryParams: { street: streetId }, replaceUrl: true });
  }

  protected reset(): void {
    this.tiers.set([]);
    this.category.set(null);
    this.communityId.set(null);
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
