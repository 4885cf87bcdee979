import type { DirectorySearch$Params } from '../api/fn/directory/directory-search';
import type { Grade, OrganizationType, Tier } from '../api/models';
import { GRADE } from '../api/models/grade-array';
import { ORGANIZATION_TYPE } from '../api/models/organization-type-array';
import { TIER } from '../api/models/tier-array';
import { listParam, oneOfParam, optionalParam, textParam } from '../shared/list-query';

export type DirectorySort = NonNullable<DirectorySearch$Params['sort']>;
export const DIRECTORY_SORTS: readonly DirectorySort[] = ['name', 'grade', 'newest', 'score'];

/** What the visitor picked on the directory page; null means "any". */
export interface DirectoryFilters {
  q: string;
  type: OrganizationType | null;
  category: string | null;
  streetId: string | null;
  communityId: string | null;
  minGrade: Grade | null;
  /** Current performance tiers; empty means any (and the unscored too). */
  tiers: readonly Tier[];
  sort: DirectorySort;
}

export const NO_FILTERS: DirectoryFilters = {
  q: '',
  type: null,
  category: null,
  streetId: null,
  communityId: null,
  minGrade: null,
  tiers: [],
  sort: 'name',
};

export const PAGE_SIZE = 12;
/** The server refuses longer searches. */
const MAX_QUERY = 50;

/** The filters as the page's URL keeps them (`/directory?type=charity&tier=A&sort=score`). */
export const DIRECTORY_URL = {
  q: textParam(MAX_QUERY),
  type: optionalParam<OrganizationType>(ORGANIZATION_TYPE),
  category: optionalParam(),
  streetId: optionalParam(),
  communityId: optionalParam(),
  minGrade: optionalParam<Grade>(GRADE),
  tier: listParam<Tier>(TIER),
  sort: oneOfParam(DIRECTORY_SORTS, 'name'),
};

/** The filters as the search call's query parameters: empty ones left out, the cursor last. */
export function directoryParams(filters: DirectoryFilters, cursor?: string | null): DirectorySearch$Params {
  const params: DirectorySearch$Params = {};
  const q = filters.q.trim().slice(0, MAX_QUERY);
  if (q) params.q = q;
  if (filters.type) params.type = filters.type;
  if (filters.category) params.category = filters.category;
  if (filters.streetId) params.streetId = filters.streetId;
  if (filters.communityId) params.communityId = filters.communityId;
  if (filters.minGrade) params.minGrade = filters.minGrade;
  if (filters.tiers.length) params.tier = [...new Set(filters.tiers)].sort();
  params.sort = filters.sort;
  params.limit = PAGE_SIZE;
  if (cursor) params.cursor = cursor;
  return params;
}
