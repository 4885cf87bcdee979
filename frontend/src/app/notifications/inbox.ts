import { DatePipe } from '@angular/common';
import { Component, computed, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { Api } from '../api/api';
import { notificationsList } from '../api/fn/notifications/notifications-list';
import { notificationsRead } from '../api/fn/notifications/notifications-read';
import { notificationsReadAll } from '../api/fn/notifications/notifications-read-all';
import type { NotificationDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { ListQuery, flagParam } from '../shared/list-query';
import { listOf, loadEach, loadMore } from '../shared/list-of';
import { LoadMore } from '../shared/load-more';
import { action } from '../shared/run-action';
import { NotificationCenter } from './notification-center';
import { noticeText } from './notice-text';
import { ErrorAlert } from '../shared/error-alert';

export const PAGE_SIZE = 20;

/** `/notifications`: the user's notices, newest first; opening one marks it read. */
@Component({
  selector: 'app-inbox',
  imports: [
    ErrorAlert,
    DatePipe,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSpinModule,
    LoadMore,
  ],
  templateUrl: './inbox.html',
  styleUrl: './inbox.css',
})
export class Inbox {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly center = inject(NotificationCenter);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** "Unread only" is kept in the URL (`?unread=1`), so Back from a notice's object returns to it. */
  private readonly query = new ListQuery({ unread: flagParam });
  protected readonly unreadOnly = computed(() => this.query.value().unread);
  /** The notices, a page at a time (made anew when "unread only" changes). */
  protected readonly list = listOf(
    () => ({ unread: this.unreadOnly() }),
    ({ unread }, cursor) =>
      this.api.invoke(notificationsList, {
        limit: PAGE_SIZE,
        ...(unread ? { unread: true } : {}),
        ...cursor,
      }),
  );
  private readonly items = computed(() => this.list().items());
  /** Reads the notices: busy meanwhile; its error also says why one could not be marked read. */
  protected readonly loader = action();
  protected readonly loadMore = loadMore;
  protected readonly rows = computed(() =>
    this.items().map((n) => ({ n, ...noticeText(n, this.t, this.i18n.lang()) })),
  );
  protected readonly anyUnread = computed(() => this.items().some((n) => !n.readAt));

  constructor() {
    loadEach(() => [this.list()], this.loader);
  }

  protected setUnreadOnly(on: boolean): void {
    this.query.set({ unread: on });
  }

  /** Marks the notice read, then opens its object (if it has one). */
  protected async open(n: NotificationDto): Promise<void> {
    if (!n.readAt) await this.markRead(n);
    if (n.link) await this.router.navigateByUrl(n.link);
  }

  protected async markRead(n: NotificationDto): Promise<void> {
    try {
      const read = await this.api.invoke(notificationsRead, { id: n.id });
      this.list().items.update((items) => items.map((i) => (i.id === n.id ? read : i)));
      this.center.set(this.center.unread() - 1);
    } catch (err) {
      this.loader.fail(err);
    }
  }

  protected async markAllRead(): Promise<void> {
    try {
      await this.api.invoke(notificationsReadAll);
      const now = new Date().toISOString();
      this.list().items.update((items) =>
        this.unreadOnly() ? [] : items.map((i) => ({ ...i, readAt: i.readAt ?? now })),
      );
      this.center.set(0);
    } catch (err) {
      this.loader.fail(err);
    }
  }
}
