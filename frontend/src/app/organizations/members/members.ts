import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { peopleInvite } from '../../api/fn/people/people-invite';
import { peopleMembers } from '../../api/fn/people/people-members';
import { peopleRemove } from '../../api/fn/people/people-remove';
import { peopleVerifyQualification } from '../../api/fn/people/people-verify-qualification';
import type { MemberDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { Labels, REQUEST_COLORS } from '../../shared/labels';
import { AdminScopePicker } from '../admin-scope-picker';
import { MemberQualification } from '../member-qualification';
import { AdminScopes } from '../admin-scope';
import { INVITE_PHONE_PATTERN } from '../org-fields';
import { touchAll } from '../../shared/server-errors';
import { ListQuery, textParam } from '../../shared/list-query';
import { listOf } from '../../shared/list-of';
import { PagedCard } from '../../shared/paged-card';
import { PagedSection } from '../../shared/paged-section';
import { SearchSort } from '../../shared/search-sort';
import { action } from '../../shared/run-action';
import { FormCard, FormCardSubmit } from '../../shared/form-card';
import { BusyButton } from '../../shared/busy-button';

/** Who a member is, for the list: their name once they joined, else whom the invitation went to. */
export function memberName(m: MemberDto): string {
  return m.displayName ?? m.invitedEmail ?? m.invitedPhone ?? m.id;
}

@Component({
  selector: 'app-members',
  imports: [
    FormCard,
    FormCardSubmit,
    PagedCard,
    ReactiveFormsModule,
    NzFormModule,
    NzInputModule,
    NzButtonModule,
    BusyButton,
    NzTagModule,
    NzPopconfirmModule,
    AdminScopePicker,
    MemberQualification,
  ],
  templateUrl: './members.html',
  styleUrls: ['../../shared/page.css', './members.css'],
})
export class Members {
  private readonly api = inject(Api);
  protected readonly scopes = inject(AdminScopes);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = REQUEST_COLORS;
  protected readonly name = memberName;

  /** The search, kept in the URL (`?q=`). */
  private readonly query = new ListQuery({ q: textParam() });
  protected readonly search = new SearchSort(this.query, { name: 'members', words: 'members' });
  /** The organization's members for the search, a page at a time (made anew when either changes). */
  protected readonly members = new PagedSection(
    listOf(
      () => {
        const orgId = this.scopes.selectedId();
        return orgId ? { orgId, q: this.query.value().q } : null;
      },
      ({ orgId, q }, cursor) => this.api.invoke(peopleMembers, { orgId, ...(q ? { q } : {}), ...cursor }),
    ),
    { testId: 'member-list', moreTestId: 'members-more' },
  );
  /** Verifying a member's qualification or removing them (by member), refused in a toast. */
  protected readonly acting = action();

  private readonly fb = inject(NonNullableFormBuilder);
  /** By e-mail: only the account that verified it can accept. A phone is a note for the organization. */
  protected readonly invite = this.fb.group({
    contact: ['', [Validators.required, Validators.email]],
    phone: ['', [Validators.pattern(INVITE_PHONE_PATTERN)]],
  });
  protected readonly inviting = action();
  /** The invitation's inputs (labelled for screen readers), the submit beside the last. */
  protected readonly inviteInputs = [
    {
      name: 'contact',
      type: 'email',
      placeholder: 'worker@example.cn',
      label: 'login.email',
      error: 'form.email',
    },
    {
      name: 'phone',
      type: 'tel',
      placeholder: '13800000000',
      label: 'members.phoneNote',
      error: 'form.phone',
    },
  ] as const satisfies readonly {
    name: string;
    type: string;
    placeholder: string;
    label: I18nKey;
    error: I18nKey;
  }[];

  /** The member whose qualification the admin is recording, if any. */
  protected readonly editing = signal<string | null>(null);

  protected async sendInvite(): Promise<void> {
    const orgId = this.scopes.selectedId();
    if (!orgId || !touchAll(this.invite)) return;
    const { contact, phone } = this.invite.getRawValue();
    const sent = await this.inviting.run(
      () =>
        this.api.invoke(peopleInvite, {
          orgId,
          body: { email: contact.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
        }),
      { success: 'members.invited' },
    );
    if (!sent) return;
    this.members.list().items.update((list) => [...list, sent.value]);
    this.invite.reset();
  }

  protected async verify(member: MemberDto): Promise<void> {
    const verified = await this.acting.run(
      () =>
        this.api.invoke(peopleVerifyQualification, {
          orgId: member.organizationId,
          memberId: member.id,
        }),
      { key: member.id, toast: true },
    );
    if (verified) this.saved(verified.value);
  }

  protected async remove(member: MemberDto): Promise<void> {
    const removed = await this.acting.run(
      () => this.api.invoke(peopleRemove, { orgId: member.organizationId, memberId: member.id }),
      { key: member.id, toast: true, success: 'members.removed' },
    );
    if (removed) this.members.list().items.update((list) => list.filter((m) => m.id !== member.id));
  }

  /** The member as the qualification form saved it. */
  protected saved(updated: MemberDto): void {
    this.members.list().items.update((list) => list.map((m) => (m.id === updated.id ? updated : m)));
  }
}
