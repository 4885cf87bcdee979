import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import {
  catalogAdminCreate,
  catalogAdminRetire,
  catalogAdminUpdate,
  regionsCatalog,
} from '../../api/functions';
import type { CategoryDto } from '../../api/models';
import { RetireAction } from '../retire-action';
import { I18n } from '../../i18n/i18n.service';
import { parseScaled } from '../../procurement/money';
import { ReferenceData } from '../../shared/reference-data';
import { adminFailure } from '../admin-errors';
import { catalogVersion, categoryTree, codeProblem } from './catalog-logic';
import { ifMatch } from '../../shared/etag';

/** The form open above the list: a new entry (under `parentCode`), or an edit of `category`. */
type CategoryForm = { mode: 'create'; parentCode: string | null } | { mode: 'edit'; category: CategoryDto };

/**
 * `/admin/catalog`: the purchase-of-service catalog and its version. The platform admin adds an
 * entry (top level or under another), edits its names and order, or retires one whose children are
 * retired. Adding and retiring publish a new version; codes are never reused.
 */
@Component({
  selector: 'app-catalog-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RetireAction,
    FormsModule,
    NgTemplateOutlet,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzSwitchModule,
    NzTagModule,
  ],
  templateUrl: './catalog-admin.html',
  styleUrls: ['../admin-tree.css', './catalog-admin.css'],
})
export class CatalogAdmin {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  private readonly reference = inject(ReferenceData);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly entries = signal<CategoryDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly showRetired = signal(false);
  protected readonly tree = computed(() => categoryTree(this.entries(), this.showRetired()));
  protected readonly version = computed(() => catalogVersion(this.entries()));

  protected readonly form = signal<CategoryForm | null>(null);
  protected readonly code = signal('');
  protected readonly nameZh = signal('');
  protected readonly nameEn = signal('');
  protected readonly sortOrder = signal('');
  protected readonly formError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly confirming = signal<string | null>(null);
  protected readonly retiring = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.entries.set(await this.api.invoke(regionsCatalog, { includeRetired: true }));
    } catch (err) {
      this.error.set(adminFailure(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  /** The entry's name in the page's language, and the other one beside it. */
  protected names(c: CategoryDto): { main: string; other: string } {
    return this.i18n.lang() === 'en-US'
      ? { main: c.nameEn, other: c.nameZh }
      : { main: c.nameZh, other: c.nameEn };
  }

  protected startCreate(parentCode: string | null): void {
    this.open({ mode: 'create', parentCode }, parentCode ? `${parentCode}.` : '', '', '', '');
  }

  protected startEdit(category: CategoryDto): void {
    this.open(
      { mode: 'edit', category },
      category.code,
      category.nameZh,
      category.nameEn,
      String(category.sortOrder ?? ''),
    );
  }

  private open(form: CategoryForm, code: string, nameZh: string, nameEn: string, sortOrder: string): void {
    this.form.set(form);
    this.code.set(code);
    this.nameZh.set(nameZh);
    this.nameEn.set(nameEn);
    this.sortOrder.set(sortOrder);
    this.formError.set(null);
    this.confirming.set(null);
  }

  protected cancel(): void {
    this.form.set(null);
  }

  protected async submit(): Promise<void> {
    const form = this.form();
    if (!form) return;
    const nameZh = this.nameZh().trim();
    const nameEn = this.nameEn().trim();
    if (!nameZh || !nameEn || nameZh.length > 60 || nameEn.length > 100)
      return this.formError.set(this.t('admin.catalog.namesRequired'));
    const code = this.code().trim();
    if (form.mode === 'create') {
      const problem = codeProblem(code, form.parentCode);
      if (problem)
        return this.formError.set(
          problem === 'format'
            ? this.t('admin.catalog.codeFormat')
            : this.t('admin.catalog.codeParent', { parent: form.parentCode ?? '' }),
        );
    }
    const sortText = this.sortOrder().trim();
    const sortOrder = sortText ? parseScaled(sortText, 0) : null;
    if (sortText && (sortOrder === null || sortOrder > 10000))
      return this.formError.set(this.t('admin.catalog.sortRule'));
    this.saving.set(true);
    this.formError.set(null);
    try {
      if (form.mode === 'create')
        await this.api.invoke(catalogAdminCreate, {
          body: { code, ...(form.parentCode ? { parentCode: form.parentCode } : {}), nameZh, nameEn },
        });
      else
        await this.api.invoke(catalogAdminUpdate, {
          code: form.category.code,
          'If-Match': ifMatch(form.category.version),
          body: { nameZh, nameEn, ...(sortOrder !== null ? { sortOrder } : {}) },
        });
      this.message.success(
        this.t(form.mode === 'create' ? 'admin.catalog.created' : 'admin.catalog.updated'),
      );
      this.form.set(null);
      await this.changed();
    } catch (err) {
      this.formError.set(adminFailure(err, this.t));
    } finally {
      this.saving.set(false);
    }
  }

  protected async retire(category: CategoryDto): Promise<void> {
    this.retiring.set(category.code);
    try {
      const retired = await this.api.invoke(catalogAdminRetire, { code: category.code });
      this.message.success(
        this.t('admin.catalog.retiredDone', {
          code: category.code,
          version: String(retired.retiredInVersion ?? ''),
        }),
      );
      this.confirming.set(null);
      await this.changed();
    } catch (err) {
      this.confirming.set(null);
      this.error.set(adminFailure(err, this.t));
    } finally {
      this.retiring.set(null);
    }
  }

  private async changed(): Promise<void> {
    this.reference.invalidate();
    await this.load();
  }
}
