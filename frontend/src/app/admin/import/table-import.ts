import { Component, computed, inject, input, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Api } from '../../api/api';
import { regionsAdminImport } from '../../api/fn/admin/regions-admin-import';
import { regionsAdminTemplate } from '../../api/fn/admin/regions-admin-template';
import { grantsImport } from '../../api/fn/grants/grants-import';
import { grantsTemplate } from '../../api/fn/grants/grants-template';
import { apiError } from '../../shared/api-error';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { saveBlob } from '../../shared/download';
import { ReferenceData } from '../../shared/reference-data';
import { adminAction } from '../admin-errors';
import { type RowError, errorReportCsv, rowErrors } from './error-report';
import { PAGED_TABLE, type TableColumn } from '../../shared/paged-table';
import { BusyButton } from '../../shared/busy-button';

/** What differs between the imports: the API's calls and the words. */
const KINDS = {
  regions: {
    template: (api: Api) => api.invoke(regionsAdminTemplate),
    upload: async (api: Api, file: Blob) => ({
      count: String((await api.invoke(regionsAdminImport, { body: { file } })).created),
    }),
    templateName: 'regions-template.xlsx',
    testId: 'import',
    keys: {
      subtitle: 'admin.import.subtitle',
      hint: 'admin.import.templateHint',
      done: 'admin.import.created',
      refused: 'admin.import.refused',
    },
  },
  staff: {
    template: (api: Api) => api.invoke(grantsTemplate),
    upload: async (api: Api, file: Blob) => {
      const result = await api.invoke(grantsImport, { body: { file } });
      return { granted: String(result.granted), invited: String(result.invited) };
    },
    templateName: 'staff-template.xlsx',
    testId: 'staff-import',
    keys: {
      subtitle: 'admin.import.staff.subtitle',
      hint: 'admin.import.staff.templateHint',
      done: 'admin.import.staff.created',
      refused: 'admin.import.staff.refused',
    },
  },
} satisfies Record<
  string,
  {
    template: (api: Api) => Promise<Blob>;
    upload: (api: Api, file: Blob) => Promise<Record<string, string>>;
    templateName: string;
    testId: string;
    keys: Record<'subtitle' | 'hint' | 'done' | 'refused', I18nKey>;
  }
>;
export type ImportKind = keyof typeof KINDS;

/**
 * An import from a template (XLSX or CSV): regions or staff. The API checks every row and applies
 * all of them or none; a refused file's row errors show in a table and download as a CSV report
 * built here in the browser. Test ids start with the kind's prefix (`import-…`, `staff-import-…`).
 */
@Component({
  selector: 'app-table-import',
  imports: [
    BusyButton,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzTableModule,
    PAGED_TABLE,
  ],
  templateUrl: './table-import.html',
  styleUrl: './table-import.css',
})
export class TableImport {
  readonly kind = input<ImportKind>('regions');
  protected readonly config = computed(() => KINDS[this.kind()]);
  protected readonly id = (name: string) => `${this.config().testId}-${name}`;
  private readonly api = inject(Api);
  private readonly reference = inject(ReferenceData);
  protected readonly t = inject(I18n).t;
  /** The row errors' columns: the file's line and column, and what is wrong there. */
  protected readonly columns: readonly TableColumn[] = [
    { label: 'admin.import.line', width: '80px' },
    { label: 'admin.import.column', width: '100px' },
    { label: 'admin.import.message' },
  ];

  protected readonly file = signal<File | null>(null);
  /** Downloading the template ('template') and uploading the file ('upload'); its error is their refusal. */
  protected readonly acting = adminAction();
  protected readonly done = signal<string | null>(null);
  protected readonly errors = signal<RowError[]>([]);
  protected readonly fileName = computed(() => this.file()?.name ?? '');

  protected async downloadTemplate(): Promise<void> {
    await this.acting.run(
      async () => saveBlob(await this.config().template(this.api), this.config().templateName),
      { key: 'template' },
    );
  }

  protected chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.done.set(null);
    this.acting.error.set(null);
    this.errors.set([]);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (!file) return this.acting.error.set(this.t('admin.import.chooseFirst'));
    this.done.set(null);
    this.errors.set([]);
    const counts = await this.acting.run(
      (): Promise<Record<string, string>> => this.config().upload(this.api, file),
      {
        key: 'upload',
        // Rows the server refused are listed under the count.
        handle: (err) => {
          const body = apiError(err);
          if (body?.code !== 'import.rows_invalid') return false;
          this.errors.set(rowErrors(body.details));
          this.acting.error.set(this.t(this.config().keys.refused, { count: String(this.errors().length) }));
          return true;
        },
      },
    );
    if (!counts) return;
    this.done.set(this.t(this.config().keys.done, counts.value));
    this.reference.invalidate();
  }

  /** 下载错误报告: the row errors as a CSV file, made here from the answer. */
  protected downloadReport(): void {
    const csv = errorReportCsv(this.errors(), [
      this.t('admin.import.line'),
      this.t('admin.import.column'),
      this.t('admin.import.message'),
    ]);
    const base = this.fileName().replace(/\.[^.]+$/, '') || this.kind();
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${base}-errors.csv`);
  }
}
