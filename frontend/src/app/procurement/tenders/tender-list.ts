import { DatePipe } from '@angular/common';
import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { tendersList } from '../../api/fn/tenders/tenders-list';
import type { TendersList$Params } from '../../api/fn/tenders/tenders-list';
import { TENDER_LIST_SORT } from '../../api/models/tender-list-sort-array';
import { TENDER_STATUS } from '../../api/models/tender-status-array';
import { I18n } from '../../i18n/i18n.service';
import { ReferenceData } from '../../shared/reference-data';
import { ListFilters } from '../../shared/list-filters';
import { CardGrid } from '../../shared/card-grid';
import { scopeChoices } from '../../shared/choice-select';
import { ListFilterSelects, listFilter } from '../../shared/filter-select';
import { ListQuery, type QueryValues, oneOfParam, optionalParam, textParam } from '../../shared/list-query';
import { listOf, loadEach } from '../../shared/list-of';
import { action } from '../../shared/run-action';
import { SearchSort } from '../../shared/search-sort';
import { ProcurementLabels, TENDER_COLORS } from '../procurement-labels';
import { UserScopes } from '../../shared/scopes';
import { FenPipe } from '../../shared/fen-pipe';

/** The list's filters, search and sort as the URL keeps them. */
export const TENDER_URL = {
  status: optionalParam(TENDER_STATUS),
  street: optionalParam(),
  category: optionalParam(),
  q: textParam(),
  sort: oneOfParam(TENDER_LIST_SORT, 'newest'),
};
export type TenderFilters = QueryValues<typeof TENDER_URL>;

/** Tenders per page of the list. */
export const TENDER_PAGE_SIZE = 20;

/** The query parameters of GET /tenders for the chosen filters (unset ones left out) and page. */
export function tenderListParams(filters: TenderFilters, cursor?: string): TendersList$Params {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.street ? { streetId: filters.street } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.sort !== 'newest' ? { sort: filters.sort } : {}),
    limit: TENDER_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  };
}

/** Public list of tender notices; street officers also see their drafts and start new tenders here. */
@Component({
  selector: 'app-tender-list',
  imports: [
    DatePipe,
    RouterLink,
    ListFilters,
    ListFilterSelects,
    CardGrid,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzTagModule,
    FenPipe,
  ],
  templateUrl: './tender-list.html',
  styleUrl: './tender-list.css',
})
export class TenderList {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly scopes = inject(UserScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = TENDER_COLORS;

  /** Filters, search and sort, kept in the URL (Back from a notice returns to them). */
  protected readonly query = new ListQuery(TENDER_URL);
  protected readonly picked = this.query.value;
  protected readonly filters = new SearchSort(this.query, {
    name: 'tenders',
    words: 'procurement.tenders',
    sorts: TENDER_LIST_SORT,
  });
  protected readonly selects = computed(() => {
    const { status, street, category } = this.picked();
    const statuses = TENDER_STATUS.map((s) => ({ value: s, label: this.label.tenderStatus(s) }));
    return [
      listFilter('status', 'procurement.tenders.status', statuses, status, (s) =>
        this.query.set({ status: s }),
      ),
      listFilter('street', 'directory.street', scopeChoices(this.ref.streets()), street, (s) =>
        this.query.set({ street: s }),
      ),
      listFilter('category', 'org.categories', 'categories', category, (c) =>
        this.query.set({ category: c }),
      ),
    ];
  });
  protected readonly tenders = listOf(this.picked, (filters, { cursor }) =>
    this.api.invoke(tendersList, tenderListParams(filters, cursor)),
  );
  protected readonly loader = action();

  constructor() {
    this.ref.load().catch(() => undefined);
    loadEach(() => [this.tenders()], this.loader);
  }
}
