import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { peopleMyResidentRequests, peopleRequestResidency } from '../../api/functions';
import type { ResidentRequestViewDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { Labels, REQUEST_COLORS } from '../../shared/labels';
import { LoadMore } from '../../shared/load-more';
import { PagedList } from '../../shared/pages';
import { ReferenceData } from '../../shared/reference-data';
import { ListCard } from '../../shared/list-card';
import { FormRow } from '../../shared/form-row';

export const NOTE_MAX = 200;

/** Any signed-in user asks the staff of their community to confirm them as a resident. */
@Component({
  selector: 'app-join-community',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListCard,
    FormRow,
    DatePipe,
    ReactiveFormsModule,
    NzCardModule,
    NzFormModule,
    NzSelectModule,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzTagModule,
    LoadMore,
  ],
  templateUrl: './join-community.html',
  styleUrls: ['../../shared/page.css', './join-community.css'],
})
export class JoinCommunity {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly message = inject(NzMessageService);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(Labels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = REQUEST_COLORS;
  protected readonly noteMax = NOTE_MAX;

  protected readonly form = inject(NonNullableFormBuilder).group({
    communityId: [null as string | null, [Validators.required]],
    note: ['', [Validators.maxLength(NOTE_MAX)]],
  });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The caller's requests, newest first, a page at a time. */
  protected readonly list = new PagedList<ResidentRequestViewDto>((cursor) =>
    this.api.invoke(peopleMyResidentRequests, cursor ? { cursor } : {}),
  );
  protected readonly requests = this.list.items;
  protected readonly loading = signal(true);

  constructor() {
    this.ref.load().catch(() => this.error.set(this.t('errors.reference')));
    void this.load();
    // A request approved since the last visit granted the resident role: refresh the menu.
    this.auth.reloadMe().catch(() => undefined);
  }

  private async load(): Promise<void> {
    try {
      await this.list.reload();
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.loading.set(false);
    }
  }

  /** The next page of the caller's requests, appended. */
  protected async loadMore(): Promise<void> {
    try {
      await this.list.more();
    } catch (err) {
      this.error.set(this.failure(err));
    }
  }

  protected async submit(): Promise<void> {
    if (!touchAll(this.form)) return;
    const { communityId, note } = this.form.getRawValue();
    this.sending.set(true);
    this.error.set(null);
    try {
      const request = await this.api.invoke(peopleRequestResidency, {
        communityId: communityId as string,
        body: note.trim() ? { note: note.trim() } : {},
      });
      this.requests.update((list) => [request, ...list]);
      this.form.reset({ communityId: null, note: '' });
      this.message.success(this.t('join.sent'));
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.sending.set(false);
    }
  }

  private failure(err: unknown): string {
    return failureText(err, this.t);
  }
}
