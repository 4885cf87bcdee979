import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzDropdownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { NotificationBell } from '../notifications/notification-bell';
import { visibleMenu } from './menu';
import { injectIsMobile } from './viewport';

@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    RouterOutlet,
    RouterLink,
    NzLayoutModule,
    NzMenuModule,
    NzIconModule,
    NzButtonModule,
    NzDropdownModule,
    NzDrawerModule,
    NotificationBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
})
export class Shell {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly menu = computed(() => visibleMenu(this.auth.isSignedIn(), this.auth.roles()));
  protected readonly isMobile = injectIsMobile();
  protected readonly collapsed = signal(false);
  protected readonly drawerOpen = signal(false);

  protected toggleMenu(): void {
    if (this.isMobile()) this.drawerOpen.update((open) => !open);
    else this.collapsed.update((c) => !c);
  }

  protected switchLanguage(): void {
    this.i18n.toggle();
    // The server keeps the choice too, for what it sends the user (e-mails, notifications).
    if (this.auth.isSignedIn()) this.auth.updateMe({ locale: this.i18n.lang() }).catch(() => undefined);
  }

  /** The skip link moves the focus itself: a fragment would go through the router. */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    globalThis.document.getElementById('main-content')?.focus();
  }

  protected logout(): void {
    void this.auth.logout();
  }
}
