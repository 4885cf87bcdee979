import { Component, inject } from '@angular/core';
import { NzDividerModule } from 'ng-zorro-antd/divider';
import { I18n } from '../../i18n/i18n.service';
import { TableImport } from './table-import';

/** `/admin/import`: the district's regions, then its staff and their roles, from templates. */
@Component({
  selector: 'app-import-page',
  imports: [NzDividerModule, TableImport],
  template: `
    <h3>{{ t('admin.import.regionsTitle') }}</h3>
    <app-table-import kind="regions" />
    <nz-divider />
    <h3>{{ t('admin.import.staffTitle') }}</h3>
    <app-table-import kind="staff" />
  `,
})
export class ImportPage {
  protected readonly t = inject(I18n).t;
}
