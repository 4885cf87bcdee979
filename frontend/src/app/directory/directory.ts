import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../api/api';
import { directorySearch } from '../api/fn/directory/directory-search';
import { GRADE } from '../api/models/grade-array';
import { ORGANIZATION_TYPE } from '../api/models/organization-type-array';
import { I18n } from '../i18n/i18n.service';
import { CREDIT_COLORS, Labels } from '../shared/labels';
import { ReferenceData } from '../shared/reference-data';
import { TierTag, tierChoices } from '../shared/tier-tag';
import { DIRECTORY_SORTS, DIRECTORY_URL, type DirectoryFilters, directoryParams } from './directory-query';
import { ListQuery, type QueryValues, reloadOn } from '../shared/list-query';
import { SearchSort } from '../shared/search-sort';
import { SearchInput, SortSelect } from '../shared/list-controls';
import { CardGrid } from '../shared/card-grid';
import { scopeChoices } from '../shared/choice-select';
import { communityChoices } from '../shared/community-select';
import { ListFilterSelects, listFilter } from '../shared/filter-select';
import { listOf } from '../shared/list-of';
import { action } from '../shared/run-action';
import { Names } from '../shared/names';

type DirectoryPicks = QueryValues<typeof DIRECTORY_URL>;

/** The public directory of verified organizations: search, filters, sort and "load more". */
@Component({
  selector: 'app-directory',
  imports: [
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzTagModule,
    TierTag,
    SearchInput,
    SortSelect,
    ListFilterSelects,
    CardGrid,
  ],
  templateUrl: './directory.html',
  styleUrl: './directory.css',
})
export class Directory {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(Labels);
  protected readonly names = inject(Names);
  protected readonly t = inject(I18n).t;
  protected readonly creditColors = CREDIT_COLORS;

  /** The filters, search and sort, kept in the URL (Back and a shared link show the same list). */
  private readonly query = new ListQuery(DIRECTORY_URL);
  protected readonly picked = this.query.value;
  protected readonly searchSort = new SearchSort(this.query, {
    name: 'directory',
    words: 'directory',
    sorts: DIRECTORY_SORTS,
  });

  protected readonly filters = computed<DirectoryFilters>(() => {
    const { tier, ...picked } = this.picked();
    return { ...picked, tiers: tier };
  });
  /** The selects above the cards; the street keeps the community only if it is one of its own. */
  protected readonly selects = computed(() => {
    const p = this.picked();
    return [
      listFilter('type', 'org.type', this.typeChoices(), p.type, (type) => this.pick({ type })),
      listFilter('category', 'org.categories', 'categories', p.category, (category) =>
        this.pick({ category }),
      ),
      listFilter('street', 'directory.street', scopeChoices(this.ref.streets()), p.streetId, (s) =>
        this.setStreet(s),
      ),
      listFilter(
        'community',
        'directory.community',
        this.communityChoices(),
        p.communityId,
        (c) => this.pick({ communityId: c }),
        { searchable: true },
      ),
      listFilter('grade', 'directory.minGrade', this.gradeChoices(), p.minGrade, (minGrade) =>
        this.pick({ minGrade }),
      ),
      listFilter('tier', 'directory.tier', tierChoices(this.t), p.tier, (tier) => this.pick({ tier }), {
        multiple: true,
      }),
    ];
  });
  private readonly typeChoices = computed(() =>
    ORGANIZATION_TYPE.map((type) => ({ value: type, label: this.label.orgType(type) })),
  );
  /** Communities to filter by: those of the chosen street, else all, grouped by street. */
  private readonly communityChoices = computed(() => communityChoices(this.ref, this.picked().streetId));
  private readonly gradeChoices = computed(() =>
    GRADE.map((grade) => ({ value: grade, label: this.t('directory.gradeAtLeast', { grade }) })),
  );

  protected readonly results = listOf(this.filters, (filters, { cursor }) =>
    this.api.invoke(directorySearch, directoryParams(filters, cursor)),
  );
  protected readonly items = computed(() => this.results().items());
  /** Reads the results: busy while it does, and its failure (the card grid shows both). */
  protected readonly loader = action();
  /** The search the cards shown answer (on the page as `data-query`, for tests to wait on). */
  protected readonly shownQuery = signal<string | null>(null);

  constructor() {
    this.ref.load().catch(() => undefined);
    reloadOn(this.results, async (list) => {
      const q = this.filters().q;
      // A newer search made meanwhile has its own list: only the current one names its query.
      if ((await this.loader.run(() => list.reload())) && list === this.results()) this.shownQuery.set(q);
    });
  }

  protected pick(patch: Partial<DirectoryPicks>): void {
    this.query.set(patch);
  }

  /** A street keeps the community picked only if it is one of the street's. */
  protected setStreet(streetId: string | null): void {
    const community = this.picked().communityId;
    const keep =
      !community ||
      !streetId ||
      this.ref.communities().some((c) => c.id === community && c.parentId === streetId);
    this.query.set(keep ? { streetId } : { streetId, communityId: null });
  }

  protected reset(): void {
    this.searchSort.search.text.set('');
    this.query.reset();
  }
}
