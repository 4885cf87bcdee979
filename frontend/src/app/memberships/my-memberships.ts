import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { peopleAccept } from '../api/fn/people/people-accept';
import { peopleDecline } from '../api/fn/people/people-decline';
import { peopleMyMemberships } from '../api/fn/people/people-my-memberships';
import type { MemberDto } from '../api/models';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { MemberQualification } from '../organizations/member-qualification';
import { Labels } from '../shared/labels';
import { ListCard } from '../shared/list-card';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { action } from '../shared/run-action';
import { loadEach, loadMore } from '../shared/list-of';
import { DecisionButtons } from '../shared/decision-buttons';
import { ErrorAlert } from '../shared/error-alert';

/**
 * Any signed-in user: invitations from organizations, and the organizations they work for. A
 * person works for few organizations: one list, split in two, without search.
 */
@Component({
  selector: 'app-my-memberships',
  imports: [
    ErrorAlert,
    DecisionButtons,
    DatePipe,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzTagModule,
    ListCard,
    LoadMore,
    MemberQualification,
  ],
  templateUrl: './my-memberships.html',
  styleUrls: ['../shared/page.css', './my-memberships.css'],
})
export class MyMemberships {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  /** Invitations go to verified addresses only: until then the list is empty, and the page says why. */
  protected readonly unverified = computed(() => this.auth.user()?.emailVerified === false);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;

  /** Invitations and memberships, oldest first, a page at a time. */
  protected readonly list = new PagedList<MemberDto>((cursor) =>
    this.api.invoke(peopleMyMemberships, cursor ? { cursor } : {}),
  );
  protected readonly all = this.list.items;
  protected readonly invitations = computed(() => this.all().filter((m) => m.status === 'invited'));
  protected readonly organizations = computed(() => this.all().filter((m) => m.status === 'active'));
  protected readonly loader = action();
  protected readonly answer = action();

  /** The membership whose qualification form is open. */
  protected readonly editing = signal<string | null>(null);

  constructor() {
    loadEach(() => [this.list], this.loader);
  }

  /** The next page of invitations and memberships, appended. */
  protected loadMore(): Promise<void> {
    return loadMore(this.list, this.loader);
  }

  protected async respond(member: MemberDto, accept: boolean): Promise<void> {
    const done = await this.answer.run(
      () => this.api.invoke(accept ? peopleAccept : peopleDecline, { memberId: member.id }),
      { key: member.id, toast: true, success: accept ? 'memberships.accepted' : 'memberships.declined' },
    );
    if (!done) return;
    const updated = done.value;
    this.all.update((list) =>
      updated.status === 'declined'
        ? list.filter((m) => m.id !== member.id)
        : list.map((m) => (m.id === member.id ? updated : m)),
    );
    // Accepting grants the social_worker role: the menu should show it now.
    if (accept) await this.auth.reloadMe().catch(() => undefined);
  }

  protected saved(updated: MemberDto): void {
    this.all.update((list) => list.map((m) => (m.id === updated.id ? updated : m)));
  }
}
