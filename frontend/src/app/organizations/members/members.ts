import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { peopleInvite, peopleMembers, peopleRemove, peopleVerifyQualification } from '../../api/functions';
import type { MemberDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { I18n } from '../../i18n/i18n.service';
import { Labels, REQUEST_COLORS } from '../../shared/labels';
import { AdminScopePicker } from '../admin-scope-picker';
import { MemberQualification } from '../member-qualification';
import { AdminScopes } from '../admin-scope';
import { INVITE_PHONE_PATTERN } from '../org-fields';
import { touchAll } from '../../shared/server-errors';
import { appendPage } from '../../shared/pages';
import { ListQuery, SearchBox, reloadOn, textParam } from '../../shared/list-query';
import { SearchInput } from '../../shared/list-controls';

/** Who a member is, for the list: their name once they joined, else whom the invitation went to. */
export function memberName(m: MemberDto): string {
  return m.displayName ?? m.invitedEmail ?? m.invitedPhone ?? m.id;
}

@Component({
  selector: 'app-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SearchInput,
    ReactiveFormsModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    NzButtonModule,
    NzTagModule,
    NzAlertModule,
    NzPopconfirmModule,
    AdminScopePicker,
    MemberQualification,
  ],
  templateUrl: './members.html',
  styleUrls: ['../../shared/page.css', './members.css'],
})
export class Members {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  protected readonly scopes = inject(AdminScopes);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = REQUEST_COLORS;
  protected readonly name = memberName;

  protected readonly members = signal<MemberDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);

  private readonly fb = inject(NonNullableFormBuilder);
  /** By e-mail: only the account that verified it can accept. A phone is a note for the organization. */
  protected readonly invite = this.fb.group({
    contact: ['', [Validators.required, Validators.email]],
    phone: ['', [Validators.pattern(INVITE_PHONE_PATTERN)]],
  });
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<string | null>(null);

  /** The member whose qualification the admin is recording, if any. */
  protected readonly editing = signal<string | null>(null);

  /** The search, kept in the URL (`?q=`). */
  private readonly query = new ListQuery({ q: textParam() });
  protected readonly q = computed(() => this.query.value().q);
  protected readonly search = new SearchBox(this.q, (q) => this.query.set({ q }));

  constructor() {
    reloadOn(
      computed(() => [this.scopes.selectedId(), this.q()] as const),
      ([id]) => this.load(id),
    );
  }

  /** The members call for the organization, with the search when there is one. */
  private params(orgId: string, q: string, cursor?: string) {
    return { orgId, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) };
  }

  protected async load(orgId: string | null): Promise<void> {
    this.members.set([]);
    this.nextCursor.set(null);
    this.error.set(null);
    if (!orgId) return;
    this.loading.set(true);
    try {
      const q = this.q();
      const page = await this.api.invoke(peopleMembers, this.params(orgId, q));
      if (orgId !== this.scopes.selectedId() || q !== this.q()) return;
      this.members.set(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.loading.set(false);
    }
  }

  /** The next page of members, appended (an invitation sent meanwhile stays listed once). */
  protected async loadMore(): Promise<void> {
    const orgId = this.scopes.selectedId();
    const cursor = this.nextCursor();
    if (!orgId || !cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    try {
      const q = this.q();
      const page = await this.api.invoke(peopleMembers, this.params(orgId, q, cursor));
      if (orgId !== this.scopes.selectedId() || q !== this.q()) return;
      this.members.update((shown) => appendPage(shown, page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected async sendInvite(): Promise<void> {
    const orgId = this.scopes.selectedId();
    if (!orgId || !touchAll(this.invite)) return;
    this.inviting.set(true);
    this.inviteError.set(null);
    const { contact, phone } = this.invite.getRawValue();
    try {
      const member = await this.api.invoke(peopleInvite, {
        orgId,
        body: { email: contact.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      });
      this.members.update((list) => [...list, member]);
      this.invite.reset();
      this.message.success(this.t('members.invited'));
    } catch (err) {
      this.inviteError.set(this.failure(err));
    } finally {
      this.inviting.set(false);
    }
  }

  protected async verify(member: MemberDto): Promise<void> {
    this.busy.set(member.id);
    try {
      this.saved(
        await this.api.invoke(peopleVerifyQualification, {
          orgId: member.organizationId,
          memberId: member.id,
        }),
      );
    } catch (err) {
      this.message.error(this.failure(err));
    } finally {
      this.busy.set(null);
    }
  }

  protected async remove(member: MemberDto): Promise<void> {
    this.busy.set(member.id);
    try {
      await this.api.invoke(peopleRemove, { orgId: member.organizationId, memberId: member.id });
      this.members.update((list) => list.filter((m) => m.id !== member.id));
      this.message.success(this.t('members.removed'));
    } catch (err) {
      this.message.error(this.failure(err));
    } finally {
      this.busy.set(null);
    }
  }

  /** The member as the qualification form saved it. */
  protected saved(updated: MemberDto): void {
    this.members.update((list) => list.map((m) => (m.id === updated.id ? updated : m)));
  }

  private failure(err: unknown): string {
    return failureText(err, this.t);
  }
}
