import { Injectable, computed, inject } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { offeredOrFirstPick } from '../shared/choice-select';

export interface AdminScope {
  id: string;
  name: string;
}

/**
 * The organizations the signed-in user administers (their org_admin memberships), and the one the
 * org-admin pages currently show. Shared, so "My organization" and "Members" stay on the same one.
 */
@Injectable({ providedIn: 'root' })
export class AdminScopes {
  private readonly auth = inject(AuthService);

  readonly all = computed<AdminScope[]>(() =>
    (this.auth.user()?.memberships ?? [])
      .filter((m) => m.role === 'org_admin' && m.organizationId)
      .map((m) => ({ id: m.organizationId as string, name: m.scopeName ?? (m.organizationId as string) })),
  );

  /** Follows the list: keeps the choice while it is still one of the user's, else the first. */
  readonly selectedId = offeredOrFirstPick(this.all);
}
