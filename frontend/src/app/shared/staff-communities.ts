import type { UserDto } from '../api/models';

/** A community the user staffs. */
export interface StaffScope {
  id: string;
  name: string;
}

/** The communities a user staffs: their community_staff memberships' regions, named. */
export const staffCommunities = (user: UserDto | null | undefined): StaffScope[] =>
  (user?.memberships ?? [])
    .filter((m) => m.role === 'community_staff' && m.regionId)
    .map((m) => ({ id: m.regionId as string, name: m.scopeName ?? (m.regionId as string) }));
