import { Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Api } from '../../api/api';
import { peopleMyResidentRequests } from '../../api/fn/people/people-my-resident-requests';
import { peopleRequestResidency } from '../../api/fn/people/people-request-residency';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { ReferenceData } from '../../shared/reference-data';
import { communitySelect } from '../../shared/community-select';
import { FormCard } from '../../shared/form-card';
import type { Field } from '../../shared/form-fields';
import { action } from '../../shared/run-action';
import { PagedCard } from '../../shared/paged-card';
import { ownPagedSection } from '../../shared/paged-section';
import { ResidentRequest } from '../resident-request';

export const NOTE_MAX = 200;

/** Any signed-in user asks the staff of their community to confirm them as a resident. */
@Component({
  selector: 'app-join-community',
  imports: [FormCard, PagedCard, ResidentRequest],
  templateUrl: './join-community.html',
  styleUrls: ['../../shared/page.css', './join-community.css'],
})
export class JoinCommunity {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  protected readonly form = inject(NonNullableFormBuilder).group({
    communityId: [null as string | null, [Validators.required]],
    note: ['', [Validators.maxLength(NOTE_MAX)]],
  });
  protected readonly fields: readonly Field[] = [
    communitySelect(this.ref, 'join-community', 'join.community'),
    {
      name: 'note',
      id: 'join-note',
      label: 'join.note',
      kind: 'textarea',
      rows: 2,
      rule: () => this.t('join.noteRule', { max: '' + NOTE_MAX }),
      help: 'join.noteHelp',
      testId: 'join-note',
    },
  ];
  protected readonly sending = action();
  /** The caller's requests, newest first, a page at a time (a person asks a few times at most: no search). */
  protected readonly requests = ownPagedSection(peopleMyResidentRequests, {
    testId: 'join-requests',
    moreTestId: 'join-more',
  });

  constructor() {
    this.ref.load().catch(() => this.sending.error.set(this.t('errors.reference')));
    // A request approved since the last visit granted the resident role: refresh the menu.
    this.auth.reloadMe().catch(() => undefined);
  }

  protected async submit(): Promise<void> {
    if (!touchAll(this.form)) return;
    const { communityId, note } = this.form.getRawValue();
    const done = await this.sending.run(
      () =>
        this.api.invoke(peopleRequestResidency, {
          communityId: communityId as string,
          body: note.trim() ? { note: note.trim() } : {},
        }),
      { success: 'join.sent' },
    );
    if (!done) return;
    this.requests.list().items.update((list) => [done.value, ...list]);
    this.form.reset({ communityId: null, note: '' });
  }
}
