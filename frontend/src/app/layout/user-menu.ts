import { Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { NotificationBell } from '../notifications/notification-bell';
import { SvgIcon } from './svg-icon';
import { injectIsMobile } from './viewport';

/**
 * The header's signed-in part: the notification bell and the user's menu, a button that shows a
 * short list (disclosure: Escape closes it and gives the focus back to the button, so does a
 * click elsewhere). Drawn in a `@defer` block of the shell, so a visitor's first load does without
 * it and the notification polling.
 */
@Component({
  selector: 'app-user-menu',
  imports: [RouterLink, NotificationBell, SvgIcon],
  host: { '(document:click)': 'onDocumentClick($event)', '(keydown.escape)': 'close(true)' },
  template: `
    @if (auth.user(); as user) {
      <app-notification-bell />
      <div class="user-menu">
        <button
          #trigger
          type="button"
          class="ant-btn ant-btn-text"
          data-testid="user-menu"
          aria-controls="user-menu-list"
          [attr.aria-expanded]="open()"
          (click)="open.set(!open())"
        >
          <app-svg-icon name="user" />
          <!-- The name would crowd the title on a phone: only the icon shows, the name still names the button. -->
          <span [class.sr-only]="isMobile()">{{ user.displayName }}</span>
          <app-svg-icon name="down" />
        </button>
        @if (open()) {
          <ul
            class="ant-dropdown-menu ant-dropdown-menu-root ant-dropdown-menu-light popup"
            id="user-menu-list"
          >
            <li>
              <a
                class="ant-dropdown-menu-item"
                routerLink="/profile"
                data-testid="user-menu-profile"
                (click)="close(false)"
              >
                <app-svg-icon name="user" />
                <span>{{ t('user.profile') }}</span>
              </a>
            </li>
            <li>
              <button type="button" class="ant-dropdown-menu-item" data-testid="logout" (click)="logout()">
                <app-svg-icon name="logout" />
                <span>{{ t('user.logout') }}</span>
              </button>
            </li>
          </ul>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .user-menu {
      position: relative;
    }
    .popup {
      position: absolute;
      top: calc(100% - 8px);
      right: 0;
      z-index: 1050;
      min-width: 160px;
      margin: 0;
      line-height: 22px;
    }
    .popup li {
      list-style: none;
    }
    .popup .ant-dropdown-menu-item {
      display: flex;
      gap: 8px;
      align-items: center;
      width: 100%;
      border: 0;
      background: none;
      font: inherit;
      text-align: start;
    }
    .popup .ant-dropdown-menu-item:hover,
    .popup .ant-dropdown-menu-item:focus-visible {
      background: #f5f5f5;
    }
  `,
})
export class UserMenu {
  protected readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  protected readonly open = signal(false);
  protected readonly isMobile = injectIsMobile();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly trigger = viewChild<ElementRef<HTMLButtonElement>>('trigger');

  /** Closes the list; `refocus` gives the focus back to the button (Escape). */
  protected close(refocus: boolean): void {
    if (!this.open()) return;
    this.open.set(false);
    if (refocus) this.trigger()?.nativeElement.focus();
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (!this.host.nativeElement.contains(event.target as Node)) this.close(false);
  }

  protected logout(): void {
    this.open.set(false);
    void this.auth.logout();
  }
}
