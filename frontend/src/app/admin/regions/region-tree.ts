import { Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { regionsAdminCreate } from '../../api/fn/admin/regions-admin-create';
import { regionsAdminRetire } from '../../api/fn/admin/regions-admin-retire';
import { regionsAdminUpdate } from '../../api/fn/admin/regions-admin-update';
import { regionsRegions } from '../../api/fn/reference/regions-regions';
import type { RegionDto, RegionLevel } from '../../api/models';
import type { I18nKey } from '../../i18n/zh-CN';
import { type Field, FormFields } from '../../shared/form-fields';
import { ListQuery, flagParam, textParam } from '../../shared/list-query';
import { SearchInput } from '../../shared/list-controls';
import { ifMatch } from '../../shared/etag';
import { querySearch } from '../../shared/query-search';
import { ShowRetired, TreeEditor, TreeEditorPage, type TreeRows } from '../tree-editor';
import {
  CHILD_LEVEL,
  NAME_MAX,
  type RegionNode,
  moveTargets,
  namesPath,
  nameProblem,
  regionTree,
} from './region-tree-logic';

/** The form open above the tree: a new region under `parent`, or a rename or move of `region`. */
type RegionForm =
  | { mode: 'create'; level: RegionLevel; parent: RegionDto | null }
  | { mode: 'rename'; region: RegionDto }
  | { mode: 'move'; region: RegionDto };

const LEVEL_KEYS: Record<RegionLevel, I18nKey> = {
  district: 'admin.level.district',
  street: 'admin.level.street',
  community: 'admin.level.community',
  grid: 'admin.level.grid',
};

/**
 * `/admin/regions`: the region tree district → street → community → grid. The platform admin adds
 * a region under another, renames one, moves one under another parent of the same level, or
 * retires one whose children are all retired (after a confirmation). Retired regions show, greyed,
 * when asked.
 */
@Component({
  selector: 'app-region-tree',
  imports: [FormFields, SearchInput, ShowRetired, TreeEditor, NzButtonModule, NzIconModule, NzTagModule],
  templateUrl: './region-tree.html',
  styleUrls: ['../../shared/page.css', '../admin-tree-page.css'],
})
export class RegionTree extends TreeEditorPage<RegionDto, RegionForm, RegionNode> {
  /** "Show retired" and the search, kept in the URL. */
  private readonly query = new ListQuery({ retired: flagParam, q: textParam(NAME_MAX) });
  protected readonly showRetired = computed(() => this.query.value().retired);
  protected readonly search = querySearch(this.query);
  protected readonly tree = computed(() =>
    regionTree(this.entries(), this.showRetired(), this.query.value().q),
  );

  protected readonly fields = inject(NonNullableFormBuilder).group({
    name: [''],
    parentId: [null as string | null],
  });
  protected readonly nameFields: Field[] = [
    {
      name: 'name',
      id: 'region-form-name',
      label: 'admin.regions.name',
      maxlength: NAME_MAX,
      testId: 'region-form-name',
    },
  ];
  protected readonly moveFields: Field[] = [
    {
      name: 'parentId',
      id: 'region-form-parent',
      label: 'admin.regions.newParent',
      kind: 'select',
      showSearch: true,
      placeholder: 'admin.regions.chooseParent',
      options: () => this.targets(),
      testId: 'region-form-parent',
    },
  ];

  readonly rows: TreeRows<RegionNode> = {
    key: (n) => n.region.id,
    retired: (n) => !!n.region.retiredAt,
    data: (n) => ({
      'data-region-id': n.region.id,
      'data-region-name': n.region.name,
      'data-level': n.region.level,
    }),
    actions: ({ region }) => {
      const level = CHILD_LEVEL[region.level];
      return [
        ...(level
          ? [
              {
                testId: 'region-add-child',
                icon: 'plus',
                label: this.t('admin.regions.addChild', { level: this.levelLabel(level) }),
                run: () => this.startCreate(region),
              },
            ]
          : []),
        {
          testId: 'region-rename',
          icon: 'edit',
          label: this.t('admin.regions.rename'),
          run: () => this.openForm({ mode: 'rename', region }, region.name),
        },
        ...(region.level !== 'district'
          ? [
              {
                testId: 'region-move',
                icon: 'swap',
                label: this.t('admin.regions.move'),
                run: () => this.openForm({ mode: 'move', region }, region.name),
              },
            ]
          : []),
      ];
    },
    retireQuestion: (n) => this.t('admin.regions.retireQuestion', { name: n.region.name }),
    retire: (n) => void this.retire(n.region),
  };

  private readonly targets = computed(() => {
    const form = this.form();
    return form?.mode === 'move'
      ? moveTargets(this.entries(), form.region).map((r) => ({
          value: r.id,
          label: namesPath(this.entries(), r.id),
        }))
      : [];
  });
  /** Where the form's region is, or goes: the names from the district down. */
  protected readonly formPlace = computed(() => {
    const form = this.form();
    if (!form) return '';
    if (form.mode === 'create') return form.parent ? namesPath(this.entries(), form.parent.id) : '';
    return namesPath(this.entries(), form.region.parentId);
  });

  constructor() {
    super((api) => api.invoke(regionsRegions, { includeRetired: true }));
  }

  protected formTitle(form: RegionForm): string {
    if (form.mode === 'create')
      return this.t('admin.regions.createTitle', { level: this.levelLabel(form.level) });
    return this.t(form.mode === 'rename' ? 'admin.regions.renameTitle' : 'admin.regions.moveTitle', {
      name: form.region.name,
    });
  }

  protected levelLabel(level: RegionLevel): string {
    return this.t(LEVEL_KEYS[level]);
  }

  protected setShowRetired(on: boolean): void {
    this.query.set({ retired: on });
  }

  protected startCreate(parent: RegionDto | null): void {
    const level = parent ? CHILD_LEVEL[parent.level] : 'district';
    if (level) this.openForm({ mode: 'create', level, parent }, '');
  }

  protected override openForm(form: RegionForm, name = ''): void {
    super.openForm(form);
    this.fields.setValue({ name, parentId: null });
  }

  async submit(): Promise<void> {
    const form = this.form();
    if (!form) return;
    const { name: typed, parentId } = this.fields.getRawValue();
    const name = typed.trim();
    if (form.mode !== 'move') {
      const problem = nameProblem(name);
      if (problem)
        return this.saving.error.set(
          this.t(problem === 'required' ? 'admin.regions.nameRequired' : 'admin.regions.nameRule'),
        );
    } else if (!parentId) {
      return this.saving.error.set(this.t('admin.regions.parentRequired'));
    }
    await this.save(
      () =>
        form.mode === 'create'
          ? this.api.invoke(regionsAdminCreate, {
              body: { name, level: form.level, parentId: form.parent?.id ?? null },
            })
          : this.api.invoke(regionsAdminUpdate, {
              id: form.region.id,
              'If-Match': ifMatch(form.region.version),
              body: form.mode === 'rename' ? { name } : { parentId: parentId! },
            }),
      () => this.t(`admin.regions.done.${form.mode}`),
    );
  }

  private retire(region: RegionDto): Promise<void> {
    return this.retireRow(region.id, async () => {
      await this.api.invoke(regionsAdminRetire, { id: region.id });
      return this.t('admin.regions.done.retire', { name: region.name });
    });
  }
}
