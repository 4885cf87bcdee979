import { computed, inject, type Signal } from '@angular/core';
import { Api } from '../api/api';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { loadMore } from '../shared/list-of';
import type { PagedList } from '../shared/pages';
import { action } from '../shared/run-action';
import { stateLabel } from './hours-list';

/**
 * What the volunteering pages (the resident's and the organizer's) do alike: call the API as the
 * signed-in user, find the community they have a role in, run the page's actions (busy under the
 * key of what each acts on; loading failures show in its error too), read a list's next page, and
 * name the states of hours and help requests. Made in an injection context, with what reads the
 * page's lists again after a change.
 */
export class Volunteering {
  readonly api = inject(Api);
  readonly user = inject(AuthService).user;
  readonly t = inject(I18n).t;
  /** The signed-in user's id. */
  readonly me = computed(() => this.user()?.id ?? null);
  /** Every action of the page, keyed by what it acts on. */
  readonly action = action();

  constructor(private readonly reload: () => Promise<unknown>) {}

  /** The community the user has `role` in (their first such membership). */
  communityAs(role: string): Signal<string | null> {
    return computed(() => this.user()?.memberships.find((m) => m.role === role)?.regionId ?? null);
  }

  /** Runs one action under `key`, then reads the page's lists again and says `done` (or shows why not). */
  async act(key: string, done: I18nKey, call: () => Promise<unknown>): Promise<void> {
    await this.action.run(
      async () => {
        await call();
        await this.reload();
      },
      { key, notice: done },
    );
  }

  /** The next page of one of the lists, appended; a failure shows in the page's error. */
  more(list: PagedList<{ id: string }>): Promise<void> {
    return loadMore(list, this.action);
  }

  /** A state of volunteered hours or of a help request, in words. */
  stateLabel(state: string): string {
    return stateLabel(this.t, state);
  }
}
