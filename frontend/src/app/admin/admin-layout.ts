import { Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';

const TABS: readonly { path: string; labelKey: I18nKey; icon: string }[] = [
  { path: 'regions', labelKey: 'admin.tab.regions', icon: 'apartment' },
  { path: 'catalog', labelKey: 'admin.tab.catalog', icon: 'unordered-list' },
  { path: 'streets', labelKey: 'admin.tab.streets', icon: 'setting' },
  { path: 'import', labelKey: 'admin.tab.import', icon: 'upload' },
];

/** The Administration area: its four pages behind one row of tabs. */
@Component({
  selector: 'app-admin-layout',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, NzIconModule],
  template: `
    <h1 class="title">{{ t('admin.title') }}</h1>
    <nav class="tabs" [attr.aria-label]="t('admin.title')">
      @for (tab of tabs; track tab.path) {
        <a
          [routerLink]="tab.path"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          [attr.data-testid]="'admin-tab-' + tab.path"
        >
          <nz-icon [nzType]="tab.icon" />{{ t(tab.labelKey) }}
        </a>
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    :host {
      display: block;
      max-width: 960px;
    }
    .title {
      margin-bottom: 8px;
    }
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 20px;
      margin-bottom: 16px;
      border-bottom: 1px solid #f0f0f0;
    }
    .tabs a {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 8px 0;
      color: rgba(0, 0, 0, 0.65);
      border-bottom: 2px solid transparent;
    }
    .tabs a.active {
      color: #0958d9;
      border-bottom-color: #0958d9;
    }
  `,
})
export class AdminLayout {
  protected readonly t = inject(I18n).t;
  protected readonly tabs = TABS;
}
