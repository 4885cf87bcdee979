import { DatePipe } from '@angular/common';
import { Component, DestroyRef, InjectionToken, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { exportsDownload$CsvCharsetUtf8 } from '../api/fn/exports/exports-download-csv-charset-utf-8';
import { exportsDownload$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet } from '../api/fn/exports/exports-download-vnd-openxmlformats-officedocument-spreadsheetml-sheet';
import { exportsGet } from '../api/fn/exports/exports-get';
import { exportsMine } from '../api/fn/exports/exports-mine';
import { exportsRequest } from '../api/fn/exports/exports-request';
import type { ExportDataset, ExportDto, ExportFormat, ExportStatus } from '../api/models';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { saveBlob } from '../shared/download';
import {
  EXPORT_DATASETS,
  EXPORT_FORMATS,
  POLL_MS,
  expired,
  exportRequest,
  exportScopes,
  rangeProblem,
  replaceExport,
  unfinished,
} from './export-logic';
import { type DateField, DateFields } from '../shared/date-fields';
import { type Field, FormFields } from '../shared/form-fields';
import { ListFilters } from '../shared/list-filters';
import { SearchSort } from '../shared/search-sort';
import { ListQuery, oneOfParam, reloadOn, textParam } from '../shared/list-query';
import { listOf, loadMore } from '../shared/list-of';
import { LoadMore } from '../shared/load-more';
import { PagedList } from '../shared/pages';
import { action } from '../shared/run-action';
import { ErrorAlert } from '../shared/error-alert';
import { BusyButton } from '../shared/busy-button';

/** Milliseconds between progress checks of a running export (tests shorten it). */
export const EXPORT_POLL_MS = new InjectionToken<number>('EXPORT_POLL_MS', { factory: () => POLL_MS });

const FORMAT_OPTIONS = EXPORT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }));

/** A choice of the request form: `export-<name>` is its id and test id. */
const exportSelect = (name: string, label: I18nKey, options: Field['options']): Field => ({
  name,
  id: `export-${name}`,
  label,
  kind: 'select',
  options,
  testId: `export-${name}`,
});

const STATUS_COLORS: Record<ExportStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** Exports per page of the list. */
const EXPORTS_PAGE = 50;

const SORTS = ['newest', 'oldest'] as const;
/** The list's search and sort, kept in the URL. */
const EXPORTS_URL = { q: textParam(), sort: oneOfParam(SORTS, 'newest') };

/**
 * 数据导出: a street's roles and org admins request a CSV or XLSX of service records,
 * disbursements or scores; the list follows each export's progress (polled while it runs) and
 * downloads the file through the API, so the request carries the session's token.
 */
@Component({
  selector: 'app-exports-page',
  imports: [
    BusyButton,
    ErrorAlert,
    DateFields,
    FormFields,
    DatePipe,
    LoadMore,
    ListFilters,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzIconModule,
    NzProgressModule,
    NzTagModule,
  ],
  templateUrl: './exports-page.html',
  styleUrls: ['../shared/page.css', './exports-page.css'],
})
export class ExportsPage {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly pollMs = inject(EXPORT_POLL_MS);
  protected readonly t = this.i18n.t;
  protected readonly statusColors = STATUS_COLORS;

  protected readonly scopes = computed(() => exportScopes(this.auth.user()?.memberships ?? []));
  protected readonly form = inject(NonNullableFormBuilder).group({
    scope: [this.scopes()[0]?.key ?? ''],
    dataset: ['service_records' as ExportDataset],
    format: ['xlsx' as ExportFormat],
    from: [''],
    to: [''],
  });
  protected readonly fields: readonly Field[] = [
    exportSelect(
      'scope',
      'exports.scope',
      computed(() => this.scopes().map((s) => ({ value: s.key, label: s.name }))),
    ),
    exportSelect(
      'dataset',
      'exports.datasetLabel',
      computed(() => EXPORT_DATASETS.map((d) => ({ value: d, label: this.datasetLabel(d) }))),
    ),
    exportSelect('format', 'exports.format', () => FORMAT_OPTIONS),
  ];
  protected readonly range: readonly DateField[] = [
    { name: 'from', id: 'export-from', label: 'exports.from', testId: 'export-from' },
    { name: 'to', id: 'export-to', label: 'exports.to', testId: 'export-to' },
  ];

  private readonly query = new ListQuery(EXPORTS_URL);
  protected readonly picked = this.query.value;
  protected readonly filters = new SearchSort(this.query, {
    name: 'exports',
    words: 'exports',
    sorts: SORTS,
  });
  /** My exports for the search and sort picked, a page at a time (made anew when they change). */
  protected readonly list = listOf(this.picked, ({ q, sort }, cursor) =>
    this.api.invoke(exportsMine, {
      limit: EXPORTS_PAGE,
      ...(q ? { q } : {}),
      ...(sort !== 'newest' ? { sort } : {}),
      ...cursor,
    }),
  );
  protected readonly exports = computed(() => this.list().items());
  /** Reading the list: why it failed; `loaded` once the first answer came (the card's skeleton till then). */
  protected readonly loader = action();
  protected readonly loaded = signal(false);
  protected readonly submitting = action();
  /** Downloading a file (by export), refused in a toast. */
  protected readonly downloading = action();

  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      if (this.timer) clearTimeout(this.timer);
    });
    reloadOn(this.list, (list) => this.load(list));
  }

  /** The first page of the list (the card shows its skeleton only the first time, so typing keeps the search box). */
  private async load(list: PagedList<ExportDto>): Promise<void> {
    if (await this.loader.run(() => list.reload())) this.schedule();
    this.loaded.set(true);
  }

  /** The next page, appended below. */
  protected loadMore(): Promise<void> {
    return loadMore(this.list(), this.loader);
  }

  /** One timer at a time, only while something is still queued or running. */
  private schedule(): void {
    if (this.destroyed || this.timer || !this.exports().some(unfinished)) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, this.pollMs);
  }

  private async poll(): Promise<void> {
    for (const job of this.exports().filter(unfinished)) {
      try {
        const fresh = await this.api.invoke(exportsGet, { id: job.id });
        this.list().items.update((list) => replaceExport(list, fresh));
      } catch {
        // A missed check is retried at the next tick.
      }
    }
    this.schedule();
  }

  protected async submit(): Promise<void> {
    const value = this.form.getRawValue();
    if (rangeProblem(value.from, value.to)) return this.submitting.error.set(this.t('exports.rangeOrder'));
    const body = exportRequest(value, this.scopes(), this.i18n.lang());
    if (!body) return this.submitting.error.set(this.t('exports.scopeRequired'));
    const created = await this.submitting.run(() => this.api.invoke(exportsRequest, { body }), {
      success: 'exports.queued',
    });
    if (!created) return;
    this.list().items.update((list) => [created.value, ...list]);
    this.schedule();
  }

  protected async download(job: ExportDto): Promise<void> {
    const fn =
      job.format === 'csv'
        ? exportsDownload$CsvCharsetUtf8
        : exportsDownload$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet;
    await this.downloading.run(
      async () => saveBlob(await this.api.invoke(fn, { id: job.id }), job.fileName),
      {
        key: job.id,
        toast: true,
      },
    );
  }

  protected datasetLabel(dataset: ExportDataset): string {
    return this.t(`exports.dataset.${dataset}` as I18nKey);
  }

  protected statusLabel(status: ExportStatus): string {
    return this.t(`exports.status.${status}` as I18nKey);
  }

  protected isExpired(job: ExportDto): boolean {
    return expired(job, new Date());
  }

  protected isUnfinished(job: ExportDto): boolean {
    return unfinished(job);
  }
}
