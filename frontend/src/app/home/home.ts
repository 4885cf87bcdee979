import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { Api } from '../api/api';
import { worklistWaiting } from '../api/fn/worklist/worklist-waiting';
import type { WaitingItemDto, WorkKind } from '../api/models';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { menuItem, visibleMenu } from '../layout/menu';
import { reloadOn } from '../shared/list-query';

/** The page each kind of waiting work is done on (a menu entry). */
const WORK_PAGE: Record<WorkKind, string> = {
  approvals: 'approvals',
  records_to_approve: 'record-approvals',
  resident_requests: 'residents',
  needs_to_triage: 'needs',
  submissions_to_check: 'participatory',
  ratings_to_moderate: 'rating-moderation',
  services_to_rate: 'my-services',
  tenders_to_score: 'evaluations',
  bids_due: 'bids',
  organizations_to_verify: 'org-review',
  invitations: 'memberships',
};

/**
 * The start page: for a signed-in user, what waits for them (each kind with its count, linking
 * straight to the list it is done from); for a visitor, the public pages.
 */
@Component({
  selector: 'app-home',
  imports: [RouterLink, NzAlertModule, NzBadgeModule, NzCardModule, NzButtonModule, NzIconModule],
  templateUrl: './home.html',
  styleUrl: './home.css',
})
export class Home {
  private readonly api = inject(Api);
  protected readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  /** For visitors: the public pages, as shortcuts (home itself left out). */
  protected readonly shortcuts = computed(() =>
    visibleMenu(false, this.auth.roles()).filter((item) => item.id !== 'home'),
  );
  /** Someone signed in with no role yet: joining starts from here. */
  protected readonly newcomer = computed(() => this.auth.isSignedIn() && this.auth.roles().size === 0);

  protected readonly work = signal<WaitingItemDto[] | null>(null);
  protected readonly workError = signal(false);
  protected readonly nothingWaiting = computed(() => this.work()?.every((w) => w.count === 0) ?? false);

  constructor() {
    reloadOn(this.auth.isSignedIn, (signedIn) => this.loadWork(signedIn));
  }

  protected label(kind: WorkKind): string {
    return this.t(`home.work.${kind}`);
  }

  protected pageOf(kind: WorkKind): { path: string; icon: string } {
    const item = menuItem(WORK_PAGE[kind]);
    return { path: `/${item.path}`, icon: item.icon };
  }

  private async loadWork(signedIn: boolean): Promise<void> {
    this.work.set(null);
    this.workError.set(false);
    if (!signedIn) return;
    try {
      this.work.set(await this.api.invoke(worklistWaiting));
    } catch {
      this.workError.set(true);
    }
  }
}
