import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catalogAdminCreate } from '../../api/fn/admin/catalog-admin-create';
import { catalogAdminRetire } from '../../api/fn/admin/catalog-admin-retire';
import { catalogAdminUpdate } from '../../api/fn/admin/catalog-admin-update';
import { regionsCatalog } from '../../api/fn/reference/regions-catalog';
import type { CategoryDto } from '../../api/models';
import { parseScaled } from '../../shared/money';
import { type Field, FormFields } from '../../shared/form-fields';
import { ifMatch } from '../../shared/etag';
import { ShowRetired, TreeEditor, TreeEditorPage, type TreeRows } from '../tree-editor';
import { type CategoryNode, catalogVersion, categoryTree, codeProblem } from './catalog-logic';

/** The form open above the list: a new entry (under `parentCode`), or an edit of `category`. */
type CategoryForm = { mode: 'create'; parentCode: string | null } | { mode: 'edit'; category: CategoryDto };

const NAMES: Field[] = [
  {
    name: 'nameZh',
    id: 'catalog-form-name-zh',
    label: 'admin.catalog.nameZh',
    maxlength: 60,
    testId: 'catalog-form-name-zh',
  },
  {
    name: 'nameEn',
    id: 'catalog-form-name-en',
    label: 'admin.catalog.nameEn',
    maxlength: 100,
    testId: 'catalog-form-name-en',
  },
];

/**
 * `/admin/catalog`: the purchase-of-service catalog and its version. The platform admin adds an
 * entry (top level or under another), edits its names and order, or retires one whose children are
 * retired. Adding and retiring publish a new version; codes are never reused.
 */
@Component({
  selector: 'app-catalog-admin',
  imports: [FormFields, ShowRetired, TreeEditor, NzButtonModule, NzIconModule, NzTagModule],
  templateUrl: './catalog-admin.html',
  styleUrls: ['../../shared/page.css', '../admin-tree-page.css', './catalog-admin.css'],
})
export class CatalogAdmin extends TreeEditorPage<CategoryDto, CategoryForm, CategoryNode> {
  protected readonly showRetired = signal(false);
  protected readonly tree = computed(() => categoryTree(this.entries(), this.showRetired()));
  protected readonly version = computed(() => catalogVersion(this.entries()));

  protected readonly fields = inject(NonNullableFormBuilder).group({
    code: [''],
    nameZh: [''],
    nameEn: [''],
    sortOrder: [''],
  });
  protected readonly createFields: Field[] = [
    {
      name: 'code',
      id: 'catalog-form-code',
      label: 'admin.catalog.code',
      code: true,
      testId: 'catalog-form-code',
    },
    ...NAMES,
  ];
  protected readonly editFields: Field[] = [
    ...NAMES,
    {
      name: 'sortOrder',
      id: 'catalog-form-sort',
      label: 'admin.catalog.sortOrder',
      kind: 'decimal',
      testId: 'catalog-form-sort',
    },
  ];

  readonly rows: TreeRows<CategoryNode> = {
    key: (n) => n.category.code,
    retired: (n) => !!n.category.retiredAt,
    data: (n) => ({ 'data-code': n.category.code }),
    actions: (n) => [
      {
        testId: 'catalog-add-child',
        icon: 'plus',
        label: this.t('admin.catalog.addChild'),
        run: () => this.startCreate(n.category.code),
      },
      {
        testId: 'catalog-edit',
        icon: 'edit',
        label: this.t('admin.catalog.edit'),
        run: () => this.startEdit(n.category),
      },
    ],
    retireQuestion: (n) => this.t('admin.catalog.retireQuestion', { code: n.category.code }),
    retire: (n) => void this.retire(n.category),
  };

  constructor() {
    super((api) => api.invoke(regionsCatalog, { includeRetired: true }));
  }

  /** The entry's name in the page's language, and the other one beside it. */
  protected names(c: CategoryDto): { main: string; other: string } {
    return this.i18n.lang() === 'en-US'
      ? { main: c.nameEn, other: c.nameZh }
      : { main: c.nameZh, other: c.nameEn };
  }

  protected startCreate(parentCode: string | null): void {
    this.openForm({ mode: 'create', parentCode });
    this.fields.setValue({ code: parentCode ? `${parentCode}.` : '', nameZh: '', nameEn: '', sortOrder: '' });
  }

  protected startEdit(category: CategoryDto): void {
    this.openForm({ mode: 'edit', category });
    this.fields.setValue({
      code: category.code,
      nameZh: category.nameZh,
      nameEn: category.nameEn,
      sortOrder: String(category.sortOrder ?? ''),
    });
  }

  protected formTitle(form: CategoryForm): string {
    return form.mode === 'create'
      ? this.t('admin.catalog.createTitle')
      : this.t('admin.catalog.editTitle', { code: form.category.code });
  }

  async submit(): Promise<void> {
    const form = this.form();
    if (!form) return;
    const value = this.fields.getRawValue();
    const nameZh = value.nameZh.trim();
    const nameEn = value.nameEn.trim();
    if (!nameZh || !nameEn || nameZh.length > 60 || nameEn.length > 100)
      return this.saving.error.set(this.t('admin.catalog.namesRequired'));
    const code = value.code.trim();
    if (form.mode === 'create') {
      const problem = codeProblem(code, form.parentCode);
      if (problem)
        return this.saving.error.set(
          problem === 'format'
            ? this.t('admin.catalog.codeFormat')
            : this.t('admin.catalog.codeParent', { parent: form.parentCode ?? '' }),
        );
    }
    const sortText = value.sortOrder.trim();
    const sortOrder = sortText ? parseScaled(sortText, 0) : null;
    if (sortText && (sortOrder === null || sortOrder > 10000))
      return this.saving.error.set(this.t('admin.catalog.sortRule'));
    await this.save(
      () =>
        form.mode === 'create'
          ? this.api.invoke(catalogAdminCreate, {
              body: { code, ...(form.parentCode ? { parentCode: form.parentCode } : {}), nameZh, nameEn },
            })
          : this.api.invoke(catalogAdminUpdate, {
              code: form.category.code,
              'If-Match': ifMatch(form.category.version),
              body: { nameZh, nameEn, ...(sortOrder !== null ? { sortOrder } : {}) },
            }),
      () => this.t(form.mode === 'create' ? 'admin.catalog.created' : 'admin.catalog.updated'),
    );
  }

  private retire(category: CategoryDto): Promise<void> {
    return this.retireRow(category.code, async () => {
      const retired = await this.api.invoke(catalogAdminRetire, { code: category.code });
      return this.t('admin.catalog.retiredDone', {
        code: category.code,
        version: String(retired.retiredInVersion ?? ''),
      });
    });
  }
}
