import { Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { I18n } from '../i18n/i18n.service';
import { AdminScopes } from './admin-scope';

/** Lets an admin of several organizations pick which one the page shows; hidden for one. */
@Component({
  selector: 'app-admin-scope-picker',
  imports: [FormsModule, NzSelectModule],
  template: `
    @if (scopes.all().length > 1) {
      <nz-select
        class="picker"
        data-testid="org-picker"
        [attr.aria-label]="t('org.pick')"
        [ngModel]="scopes.selectedId()"
        (ngModelChange)="scopes.selectedId.set($event)"
      >
        @for (scope of scopes.all(); track scope.id) {
          <nz-option [nzValue]="scope.id" [nzLabel]="scope.name" />
        }
      </nz-select>
    }
  `,
  styles: `
    .picker {
      width: 100%;
      max-width: 360px;
      margin-bottom: 16px;
    }
  `,
})
export class AdminScopePicker {
  protected readonly scopes = inject(AdminScopes);
  protected readonly t = inject(I18n).t;
}
