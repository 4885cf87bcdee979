import { Injectable, computed, inject } from '@angular/core';
import type { MembershipDto } from '../api/models';
import { AuthService } from '../auth/auth.service';
import type { Role } from '../auth/roles';
import { ReferenceData } from './reference-data';

export interface Scope {
  id: string;
  name: string;
}

/** The regions (street or community) the user holds a role in, each once. */
export function regionsOf(memberships: readonly MembershipDto[], roles: readonly Role[]): Scope[] {
  const seen = new Map<string, Scope>();
  for (const m of memberships) {
    if (roles.includes(m.role as Role) && m.regionId && !seen.has(m.regionId))
      seen.set(m.regionId, { id: m.regionId, name: m.scopeName ?? m.regionId });
  }
  return [...seen.values()];
}

/**
 * Where the signed-in user acts: the streets they buy for, direct, approve budgets or evaluate in, the
 * communities they live in or staff (procurement, budgets, funds, participation, incentives, weights).
 */
@Injectable({ providedIn: 'root' })
export class UserScopes {
  private readonly auth = inject(AuthService);
  private readonly ref = inject(ReferenceData);

  private readonly memberships = computed(() => this.auth.user()?.memberships ?? []);
  readonly officerStreets = computed(() => regionsOf(this.memberships(), ['street_officer']));
  readonly budgetStreets = computed(() =>
    regionsOf(this.memberships(), ['street_finance', 'street_director', 'street_officer']),
  );
  readonly financeStreets = computed(() => regionsOf(this.memberships(), ['street_finance']));
  readonly directorStreets = computed(() => regionsOf(this.memberships(), ['street_director']));
  readonly evaluatorStreets = computed(() => regionsOf(this.memberships(), ['evaluator']));
  readonly residentCommunities = computed(() => regionsOf(this.memberships(), ['resident']));
  readonly staffCommunities = computed(() => regionsOf(this.memberships(), ['community_staff']));
  /** Communities whose board the user sees: their own, then those of the streets they buy for. */
  readonly boardCommunities = computed<Scope[]>(() => {
    const own = regionsOf(this.memberships(), ['resident', 'community_staff']);
    const streets = new Set(this.officerStreets().map((s) => s.id));
    const ofStreets = this.ref
      .communities()
      .filter((c) => c.parentId && streets.has(c.parentId) && !own.some((o) => o.id === c.id))
      .map((c) => ({ id: c.id, name: c.name }));
    return [...own, ...ofStreets];
  });

  isOfficerOf(streetId: string): boolean {
    return this.officerStreets().some((s) => s.id === streetId);
  }

  isDirectorOf(streetId: string): boolean {
    return this.directorStreets().some((s) => s.id === streetId);
  }

  isResidentOf(communityId: string): boolean {
    return this.residentCommunities().some((c) => c.id === communityId);
  }

  isStaffOf(communityId: string): boolean {
    return this.staffCommunities().some((c) => c.id === communityId);
  }

  /** A street officer of the community's street. */
  isOfficerFor(communityId: string): boolean {
    const street = this.ref.communities().find((c) => c.id === communityId)?.parentId;
    return !!street && this.isOfficerOf(street);
  }
}
