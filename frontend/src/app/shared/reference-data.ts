import { Injectable, computed, inject, signal } from '@angular/core';
import type { NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { Api } from '../api/api';
import { regionsCatalog } from '../api/fn/reference/regions-catalog';
import { regionsRegions } from '../api/fn/reference/regions-regions';
import type { CategoryDto, RegionDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';

export interface StreetGroup {
  street: RegionDto;
  communities: RegionDto[];
}

/**
 * The regions and the service catalog: small, public and read-mostly, so they are fetched once per
 * visit and shared by every page (selects, tree selects, names shown for ids). Retired regions and
 * categories are fetched too, so what still names them shows their names; the pickers offer live
 * ones only.
 */
@Injectable({ providedIn: 'root' })
export class ReferenceData {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);

  private readonly regions = signal<RegionDto[]>([]);
  private readonly catalog = signal<CategoryDto[]>([]);
  private loading: Promise<void> | null = null;

  private readonly liveRegions = computed(() => this.regions().filter((r) => !r.retiredAt));
  private readonly liveCatalog = computed(() => this.catalog().filter((c) => !c.retiredAt));

  readonly districts = computed(() => this.liveRegions().filter((r) => r.level === 'district'));
  readonly streets = computed(() => this.liveRegions().filter((r) => r.level === 'street'));
  readonly communities = computed(() => this.liveRegions().filter((r) => r.level === 'community'));
  /** Communities under their street, for grouped selects. */
  readonly streetGroups = computed<StreetGroup[]>(() =>
    this.streets().map((street) => ({
      street,
      communities: this.communities().filter((c) => c.parentId === street.id),
    })),
  );
  /** The live catalog as tree-select nodes, titled in the current language. */
  readonly categoryNodes = computed<NzTreeNodeOptions[]>(() => {
    const all = this.liveCatalog();
    const node = (c: CategoryDto): NzTreeNodeOptions => {
      const children = all.filter((x) => x.parentCode === c.code).map(node);
      return { key: c.code, title: this.categoryLabel(c), children, isLeaf: children.length === 0 };
    };
    return all.filter((c) => !c.parentCode).map(node);
  });
  readonly topCategories = computed(() => this.liveCatalog().filter((c) => !c.parentCode));
  /** Every live entry in catalog order (a category covers the entries below it). */
  readonly categories = this.liveCatalog;

  /** Loads both lists once; later calls share the first load (and retry after a failure). */
  load(): Promise<void> {
    const all = { includeRetired: true };
    this.loading ??= Promise.all([
      this.api.invoke(regionsRegions, all),
      this.api.invoke(regionsCatalog, all),
    ]).then(
      ([regions, catalog]) => {
        this.regions.set(regions);
        this.catalog.set(catalog);
      },
      (err: unknown) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  }

  /** After the platform admin changed regions or the catalog: the next load fetches them again. */
  invalidate(): void {
    this.loading = null;
  }

  /** The live grids (网格) of a community. */
  gridsOf(communityId: string): RegionDto[] {
    return this.liveRegions().filter((r) => r.level === 'grid' && r.parentId === communityId);
  }

  regionName(id: string): string {
    return this.regions().find((r) => r.id === id)?.name ?? id;
  }

  categoryName(code: string): string {
    const category = this.catalog().find((c) => c.code === code);
    return category ? this.categoryLabel(category) : code;
  }

  categoryLabel(c: CategoryDto): string {
    return this.i18n.lang() === 'en-US' ? c.nameEn : c.nameZh;
  }
}
