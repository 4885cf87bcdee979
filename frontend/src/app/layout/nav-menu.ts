import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule, NzIconService } from 'ng-zorro-antd/icon';
import { MENU_ICONS } from './menu-icons';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { visibleMenu } from './menu';

/**
 * The side menu's entries for the current user. The shell draws it in a `@defer` block (the sider
 * as soon as it shows, the phone's drawer when first opened), so NG-ZORRO's menu, and the overlay
 * code it brings, stay out of the first load.
 */
@Component({
  selector: 'app-nav-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzMenuModule, NzIconModule],
  template: `
    <ul nz-menu nzMode="inline" [nzInlineCollapsed]="collapsed()" (nzClick)="picked.emit()">
      @for (item of menu(); track item.id) {
        <li nz-menu-item nzMatchRouter [nzMatchRouterExact]="item.path === ''">
          <a [routerLink]="'/' + item.path" [attr.data-testid]="'menu-' + item.id">
            <nz-icon [nzType]="item.icon" />
            <span>{{ t(item.labelKey) }}</span>
          </a>
        </li>
      }
    </ul>
  `,
})
export class NavMenu {
  constructor() {
    // Its entries' icons come with its code (only the header's are in the first load).
    inject(NzIconService).addIcon(...MENU_ICONS);
  }

  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  readonly collapsed = input(false);
  /** An entry was chosen (the drawer closes). */
  readonly picked = output<void>();
  protected readonly menu = computed(() => visibleMenu(this.auth.isSignedIn(), this.auth.roles()));
}
