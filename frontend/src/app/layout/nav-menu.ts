import { Component, computed, inject, input, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { visibleMenu } from './menu';
import { SvgIcon } from './svg-icon';

/**
 * The side menu's entries for the current user: a list of links, drawn as NG-ZORRO's inline menu
 * draws them (its classes, its stylesheet zorro-pages) without its code. The shell draws it in a
 * `@defer` block (the sider once that stylesheet applies, the phone's drawer when first opened).
 */
@Component({
  selector: 'app-nav-menu',
  imports: [RouterLink, RouterLinkActive, SvgIcon],
  template: `
    <ul
      class="ant-menu ant-menu-root ant-menu-light"
      [class.ant-menu-inline]="!collapsed()"
      [class.ant-menu-vertical]="collapsed()"
      [class.ant-menu-inline-collapsed]="collapsed()"
    >
      @for (item of menu(); track item.id) {
        <li
          class="ant-menu-item"
          [class.ant-menu-item-selected]="link.isActive"
          [style.padding-inline-start.px]="collapsed() ? null : 24"
        >
          <span class="ant-menu-title-content">
            <a
              [routerLink]="'/' + item.path"
              routerLinkActive
              #link="routerLinkActive"
              [routerLinkActiveOptions]="{ exact: item.path === '' }"
              ariaCurrentWhenActive="page"
              [attr.data-testid]="'menu-' + item.id"
              (click)="picked.emit()"
            >
              <app-svg-icon [name]="item.icon" />
              <span>{{ t(item.labelKey) }}</span>
            </a>
          </span>
        </li>
      }
    </ul>
  `,
})
export class NavMenu {
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  readonly collapsed = input(false);
  /** An entry was chosen (the drawer closes). */
  readonly picked = output<void>();
  protected readonly menu = computed(() => visibleMenu(this.auth.isSignedIn(), this.auth.roles()));
}
