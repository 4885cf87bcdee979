import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Api } from '../../api/api';
import { regionsAdminImport, regionsAdminTemplate } from '../../api/functions';
import { apiError } from '../../auth/api-error';
import { I18n } from '../../i18n/i18n.service';
import { saveBlob } from '../../shared/download';
import { ReferenceData } from '../../shared/reference-data';
import { adminFailure } from '../admin-errors';
import { type RowError, errorReportCsv, rowErrors } from './error-report';

/**
 * `/admin/import`: regions from the template (XLSX or CSV). The API checks every row and creates
 * all of them or none; a refused file's row errors show in a table and download as a CSV report
 * built here in the browser.
 */
@Component({
  selector: 'app-region-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule, NzButtonModule, NzCardModule, NzIconModule, NzTableModule],
  templateUrl: './region-import.html',
  styleUrl: './region-import.css',
})
export class RegionImport {
  private readonly api = inject(Api);
  private readonly reference = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly downloading = signal(false);
  protected readonly created = signal<number | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly errors = signal<RowError[]>([]);
  protected readonly fileName = computed(() => this.file()?.name ?? '');

  protected async downloadTemplate(): Promise<void> {
    this.downloading.set(true);
    try {
      saveBlob(await this.api.invoke(regionsAdminTemplate), 'regions-template.xlsx');
    } catch (err) {
      this.failure.set(adminFailure(err, this.t));
    } finally {
      this.downloading.set(false);
    }
  }

  protected chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.created.set(null);
    this.failure.set(null);
    this.errors.set([]);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (!file) return this.failure.set(this.t('admin.import.chooseFirst'));
    this.uploading.set(true);
    this.created.set(null);
    this.failure.set(null);
    this.errors.set([]);
    try {
      const result = await this.api.invoke(regionsAdminImport, { body: { file } });
      this.created.set(result.created);
      this.reference.invalidate();
    } catch (err) {
      const body = apiError(err);
      if (body?.code === 'import.rows_invalid') {
        this.errors.set(rowErrors(body.details));
        this.failure.set(this.t('admin.import.refused', { count: String(this.errors().length) }));
      } else this.failure.set(adminFailure(err, this.t));
    } finally {
      this.uploading.set(false);
    }
  }

  /** 下载错误报告: the row errors as a CSV file, made here from the answer. */
  protected downloadReport(): void {
    const csv = errorReportCsv(this.errors(), [
      this.t('admin.import.line'),
      this.t('admin.import.column'),
      this.t('admin.import.message'),
    ]);
    const base = this.fileName().replace(/\.[^.]+$/, '') || 'regions';
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${base}-errors.csv`);
  }
}
