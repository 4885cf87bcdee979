import { DestroyRef, Injectable, Injector, effect, inject, signal } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs/operators';
import { Api } from '../api/api';
// Not the barrel (api/functions): see auth.service.ts.
import { notificationsUnreadCount } from '../api/fn/notifications/notifications-unread-count';
import { AuthService } from '../auth/auth.service';

/** How often the header asks for the unread count while the user stays on one page. */
export const POLL_MS = 45_000;

/**
 * The unread count the header's bell shows: read when the user signs in, on every navigation and
 * every POLL_MS; the inbox sets it after marking notices read. Signed out it is 0 and nothing is asked.
 */
@Injectable({ providedIn: 'root' })
export class NotificationCenter {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly unreadCount = signal(0);
  readonly unread = this.unreadCount.asReadonly();
  private started = false;

  /** Starts following the count; the bell calls it, and it stops with the bell. */
  start(destroyRef: DestroyRef): void {
    if (this.started) return;
    this.started = true;
    const timer = setInterval(() => void this.refresh(), POLL_MS);
    const navigation = this.router.events
      .pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => void this.refresh());
    // Signing in or out (or switching user) re-reads the count at once.
    const watch = effect(
      () => {
        this.auth.isSignedIn();
        void this.refresh();
      },
      { injector: this.injector },
    );
    destroyRef.onDestroy(() => {
      clearInterval(timer);
      navigation.unsubscribe();
      watch.destroy();
      this.started = false;
    });
  }

  async refresh(): Promise<void> {
    if (!this.auth.isSignedIn()) {
      this.unreadCount.set(0);
      return;
    }
    try {
      this.unreadCount.set((await this.api.invoke(notificationsUnreadCount)).count);
    } catch {
      // Offline or signed out meanwhile: keep the last count, the next poll tries again.
    }
  }

  set(count: number): void {
    this.unreadCount.set(Math.max(0, count));
  }
}
