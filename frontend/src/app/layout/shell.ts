import { NgTemplateOutlet, isPlatformServer } from '@angular/common';
import { Component, PLATFORM_ID, computed, inject, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { loadPageStyles } from './more-styles';
import { NavDrawer } from './nav-drawer';
import { NavMenu } from './nav-menu';
import { SHELL_ICONS } from './shell-icons';
import { UserMenu } from './user-menu';
import { injectIsMobile } from './viewport';

@Component({
  selector: 'app-shell',
  // NavMenu, NavDrawer and UserMenu are used only in @defer blocks: each comes in its own chunk.
  imports: [NgTemplateOutlet, RouterOutlet, RouterLink, NavMenu, NavDrawer, UserMenu],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
})
export class Shell {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly icons = SHELL_ICONS;
  protected readonly isMobile = injectIsMobile();
  protected readonly collapsed = signal(false);
  protected readonly drawerOpen = signal(false);
  /**
   * Drawn on a server (prerendered, or at request time): its buttons and fields do nothing until the
   * app takes the page over and draws it again, so they are disabled rather than swallow a tap or what
   * is typed (the page's, by a disabled fieldset); its links work as plain links.
   */
  protected readonly drawnOnServer = isPlatformServer(inject(PLATFORM_ID));
  /** The menu button shows what it does: unfold the menu when it is folded (or a drawer), else fold it. */
  protected readonly toggleIcon = computed(() =>
    this.collapsed() || this.isMobile() ? SHELL_ICONS.unfold : SHELL_ICONS.fold,
  );
  /** The menu's stylesheet (NG-ZORRO's pages' one) has applied: the menu may show. */
  protected readonly menuStyled = signal(false);

  constructor() {
    void loadPageStyles().then(() => this.menuStyled.set(true));
  }

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
}
