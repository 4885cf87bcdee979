import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDropdownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule, NzIconService } from 'ng-zorro-antd/icon';
import { MENU_ICONS } from './menu-icons';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { NotificationBell } from '../notifications/notification-bell';

/**
 * The header's signed-in part: the notification bell and the user's dropdown. Drawn in a `@defer`
 * block of the shell, so a visitor's first load does without the dropdown, the badge and the
 * notification polling.
 */
@Component({
  selector: 'app-user-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzButtonModule, NzDropdownModule, NzIconModule, NzMenuModule, NotificationBell],
  template: `
    @if (auth.user(); as user) {
      <app-notification-bell />
      <button
        nz-button
        nzType="text"
        nz-dropdown
        nzTrigger="click"
        nzPlacement="bottomRight"
        data-testid="user-menu"
        [nzDropdownMenu]="userMenu"
      >
        <nz-icon nzType="user" />
        <span class="user-name">{{ user.displayName }}</span>
        <nz-icon nzType="down" />
      </button>
      <nz-dropdown-menu #userMenu="nzDropdownMenu">
        <ul nz-menu>
          <li nz-menu-item class="user-menu-item" routerLink="/profile" data-testid="user-menu-profile">
            <nz-icon nzType="user" />
            <span>{{ t('user.profile') }}</span>
          </li>
          <li
            nz-menu-item
            class="user-menu-item"
            tabindex="0"
            data-testid="logout"
            (click)="logout()"
            (keydown.enter)="logout()"
          >
            <nz-icon nzType="logout" />
            <span>{{ t('user.logout') }}</span>
          </li>
        </ul>
      </nz-dropdown-menu>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .user-menu-item nz-icon {
      margin-right: 8px;
    }
    /* The name would crowd the title on a phone; the icon is enough. */
    @media (max-width: 767.98px) {
      .user-name {
        display: none;
      }
    }
  `,
})
export class UserMenu {
  constructor() {
    // Its entries' icons come with its code (only the header's are in the first load).
    inject(NzIconService).addIcon(...MENU_ICONS);
  }

  protected readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;

  protected logout(): void {
    void this.auth.logout();
  }
}
