import type { ScoringLeaderboard$Params } from '../api/fn/scores/scoring-leaderboard';
import type { Tier } from '../api/models';
import { TIER } from '../api/models/tier-array';
import { listParam, optionalParam } from '../shared/list-query';

export const LEADERBOARD_PAGE_SIZE = 20;

/** The street and the filters in the board's address, so a filtered board can be shared and Back returns to it. */
export const LEADERBOARD_URL = {
  street: optionalParam(),
  tier: listParam<Tier>(TIER),
  category: optionalParam(),
  community: optionalParam(),
};

/** What the visitor picked on the leaderboard; null or empty means "any". */
export interface LeaderboardFilters {
  streetId: string;
  tiers: readonly Tier[];
  category: string | null;
  communityId: string | null;
}

/**
 * The filters as the leaderboard call's parameters (empty ones left out, tiers in A–D order), for
 * the first page or the one after `cursor`.
 */
export function leaderboardParams(filters: LeaderboardFilters, cursor?: string): ScoringLeaderboard$Params {
  const params: ScoringLeaderboard$Params = { streetId: filters.streetId };
  if (filters.tiers.length) params.tier = [...new Set(filters.tiers)].sort();
  if (filters.category) params.category = filters.category;
  if (filters.communityId) params.communityId = filters.communityId;
  params.limit = LEADERBOARD_PAGE_SIZE;
  if (cursor) params.cursor = cursor;
  return params;
}
