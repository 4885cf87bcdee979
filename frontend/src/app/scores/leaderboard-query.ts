import type { ScoringLeaderboard$Params } from '../api/fn/scores/scoring-leaderboard';
import type { Tier } from '../api/models';

export const LEADERBOARD_PAGE_SIZE = 20;

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
