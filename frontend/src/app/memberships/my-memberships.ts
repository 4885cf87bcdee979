import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { peopleAccept, peopleDecline, peopleMyMemberships, peopleSetQualification } from '../api/functions';
import type { MemberDto, QualificationLevel } from '../api/models';
import { QUALIFICATION_LEVEL } from '../api/models/qualification-level-array';
import { failureText } from '../shared/api-error';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { CERTIFICATE_RULES } from '../organizations/org-fields';
import { touchAll } from '../shared/server-errors';
import { Labels } from '../shared/labels';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { ifMatch } from '../shared/etag';
import { FormActions } from '../shared/form-actions';
import { ListCard } from '../shared/list-card';
import { FormRow } from '../shared/form-row';

/** Any signed-in user: invitations from organizations, and the organizations they work for. */
@Component({
  selector: 'app-my-memberships',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListCard,
    FormActions,
    FormRow,
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzCardModule,
    NzButtonModule,
    NzTagModule,
    NzAlertModule,
    NzEmptyModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    LoadMore,
  ],
  templateUrl: './my-memberships.html',
  styleUrls: ['../shared/page.css', './my-memberships.css'],
})
export class MyMemberships {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  /** Invitations go to verified addresses only: until then the list is empty, and the page says why. */
  protected readonly unverified = computed(() => this.auth.user()?.emailVerified === false);
  private readonly message = inject(NzMessageService);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly levels = QUALIFICATION_LEVEL;

  /** Invitations and memberships, oldest first, a page at a time. */
  protected readonly list = new PagedList<MemberDto>((cursor) =>
    this.api.invoke(peopleMyMemberships, cursor ? { cursor } : {}),
  );
  protected readonly all = this.list.items;
  protected readonly invitations = computed(() => this.all().filter((m) => m.status === 'invited'));
  protected readonly organizations = computed(() => this.all().filter((m) => m.status === 'active'));
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);

  /** The membership whose qualification form is open. */
  protected readonly editing = signal<string | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly qualification = this.fb.group({
    level: this.fb.control<QualificationLevel | null>(null, Validators.required),
    certificateNo: [
      '',
      [
        Validators.required,
        Validators.minLength(CERTIFICATE_RULES.min),
        Validators.maxLength(CERTIFICATE_RULES.max),
      ],
    ],
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      await this.list.reload();
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.loading.set(false);
    }
  }

  /** The next page of invitations and memberships, appended. */
  protected async loadMore(): Promise<void> {
    try {
      await this.list.more();
    } catch (err) {
      this.error.set(this.failure(err));
    }
  }

  protected async respond(member: MemberDto, accept: boolean): Promise<void> {
    this.busy.set(member.id);
    try {
      const updated = await this.api.invoke(accept ? peopleAccept : peopleDecline, { memberId: member.id });
      this.all.update((list) =>
        updated.status === 'declined'
          ? list.filter((m) => m.id !== member.id)
          : list.map((m) => (m.id === member.id ? updated : m)),
      );
      this.message.success(this.t(accept ? 'memberships.accepted' : 'memberships.declined'));
      // Accepting grants the social_worker role: the menu should show it now.
      if (accept) await this.auth.reloadMe().catch(() => undefined);
    } catch (err) {
      this.message.error(this.failure(err));
    } finally {
      this.busy.set(null);
    }
  }

  protected startQualification(member: MemberDto): void {
    this.editing.set(member.id);
    this.qualification.reset({ level: member.qualificationLevel, certificateNo: member.certificateNo ?? '' });
  }

  protected async saveQualification(member: MemberDto): Promise<void> {
    if (!touchAll(this.qualification)) return;
    const { level, certificateNo } = this.qualification.getRawValue();
    this.busy.set(member.id);
    try {
      const updated = await this.api.invoke(peopleSetQualification, {
        orgId: member.organizationId,
        memberId: member.id,
        'If-Match': ifMatch(member.version),
        body: { level: level as QualificationLevel, certificateNo: certificateNo.trim() },
      });
      this.all.update((list) => list.map((m) => (m.id === updated.id ? updated : m)));
      this.editing.set(null);
      this.message.success(this.t('profile.saved'));
    } catch (err) {
      this.message.error(this.failure(err));
    } finally {
      this.busy.set(null);
    }
  }

  private failure(err: unknown): string {
    return failureText(err, this.t);
  }
}
