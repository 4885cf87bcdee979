import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import {
  regionsAdminCreate,
  regionsAdminRetire,
  regionsAdminUpdate,
  regionsRegions,
} from '../../api/functions';
import type { RegionDto, RegionLevel } from '../../api/models';
import { RetireAction } from '../retire-action';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { ReferenceData } from '../../shared/reference-data';
import { adminFailure } from '../admin-errors';
import { CHILD_LEVEL, NAME_MAX, moveTargets, namesPath, nameProblem, regionTree } from './region-tree-logic';
import { ListQuery, SearchBox, flagParam, textParam } from '../../shared/list-query';
import { SearchInput } from '../../shared/list-controls';
import { ifMatch } from '../../shared/etag';

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
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RetireAction,
    SearchInput,
    FormsModule,
    NgTemplateOutlet,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzSwitchModule,
    NzTagModule,
  ],
  templateUrl: './region-tree.html',
  styleUrl: '../admin-tree.css',
})
export class RegionTree {
  private readonly api = inject(Api);
  private readonly message = inject(NzMessageService);
  private readonly reference = inject(ReferenceData);
  protected readonly t = inject(I18n).t;

  protected readonly regions = signal<RegionDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  /** "Show retired" and the search, kept in the URL. */
  private readonly query = new ListQuery({ retired: flagParam, q: textParam(NAME_MAX) });
  protected readonly showRetired = computed(() => this.query.value().retired);
  protected readonly search = new SearchBox(
    computed(() => this.query.value().q),
    (q) => this.query.set({ q }),
  );
  protected readonly tree = computed(() =>
    regionTree(this.regions(), this.showRetired(), this.query.value().q),
  );

  protected readonly form = signal<RegionForm | null>(null);
  protected readonly name = signal('');
  protected readonly parentId = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly saving = signal(false);
  /** The region whose retirement waits for a confirmation. */
  protected readonly confirming = signal<string | null>(null);
  protected readonly retiring = signal<string | null>(null);

  protected readonly targets = computed(() => {
    const form = this.form();
    return form?.mode === 'move'
      ? moveTargets(this.regions(), form.region).map((r) => ({
          id: r.id,
          label: namesPath(this.regions(), r.id),
        }))
      : [];
  });
  protected readonly formTitle = computed(() => {
    const form = this.form();
    if (!form) return '';
    if (form.mode === 'create')
      return this.t('admin.regions.createTitle', { level: this.levelLabel(form.level) });
    return this.t(form.mode === 'rename' ? 'admin.regions.renameTitle' : 'admin.regions.moveTitle', {
      name: form.region.name,
    });
  });
  /** Where the form's region is, or goes: the names from the district down. */
  protected readonly formPlace = computed(() => {
    const form = this.form();
    if (!form) return '';
    if (form.mode === 'create') return form.parent ? namesPath(this.regions(), form.parent.id) : '';
    return namesPath(this.regions(), form.region.parentId);
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.regions.set(await this.api.invoke(regionsRegions, { includeRetired: true }));
    } catch (err) {
      this.error.set(adminFailure(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected levelLabel(level: RegionLevel): string {
    return this.t(LEVEL_KEYS[level]);
  }

  protected childLevel(region: RegionDto): RegionLevel | null {
    return CHILD_LEVEL[region.level];
  }

  protected setShowRetired(on: boolean): void {
    this.query.set({ retired: on });
  }

  protected startCreate(parent: RegionDto | null): void {
    const level = parent ? CHILD_LEVEL[parent.level] : 'district';
    if (!level) return;
    this.open({ mode: 'create', level, parent }, '');
  }

  protected startRename(region: RegionDto): void {
    this.open({ mode: 'rename', region }, region.name);
  }

  protected startMove(region: RegionDto): void {
    this.open({ mode: 'move', region }, region.name);
  }

  private open(form: RegionForm, name: string): void {
    this.form.set(form);
    this.name.set(name);
    this.parentId.set(null);
    this.formError.set(null);
    this.confirming.set(null);
  }

  protected cancel(): void {
    this.form.set(null);
  }

  protected async submit(): Promise<void> {
    const form = this.form();
    if (!form) return;
    const name = this.name().trim();
    if (form.mode !== 'move') {
      const problem = nameProblem(name);
      if (problem)
        return this.formError.set(
          this.t(problem === 'required' ? 'admin.regions.nameRequired' : 'admin.regions.nameRule'),
        );
    } else if (!this.parentId()) {
      return this.formError.set(this.t('admin.regions.parentRequired'));
    }
    this.saving.set(true);
    this.formError.set(null);
    try {
      if (form.mode === 'create')
        await this.api.invoke(regionsAdminCreate, {
          body: { name, level: form.level, parentId: form.parent?.id ?? null },
        });
      else if (form.mode === 'rename')
        await this.api.invoke(regionsAdminUpdate, {
          id: form.region.id,
          'If-Match': ifMatch(form.region.version),
          body: { name },
        });
      else
        await this.api.invoke(regionsAdminUpdate, {
          id: form.region.id,
          'If-Match': ifMatch(form.region.version),
          body: { parentId: this.parentId()! },
        });
      this.message.success(this.t(`admin.regions.done.${form.mode}`));
      this.form.set(null);
      await this.changed();
    } catch (err) {
      this.formError.set(adminFailure(err, this.t));
    } finally {
      this.saving.set(false);
    }
  }

  protected askRetire(region: RegionDto): void {
    this.confirming.set(region.id);
  }

  protected async retire(region: RegionDto): Promise<void> {
    this.retiring.set(region.id);
    try {
      await this.api.invoke(regionsAdminRetire, { id: region.id });
      this.message.success(this.t('admin.regions.done.retire', { name: region.name }));
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
