import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { Api } from '../api/api';
import { publicProjectsList } from '../api/fn/transparency/public-projects-list';
import { yuan } from '../delivery/labels';
import { I18n } from '../i18n/i18n.service';
import { CardGrid } from '../shared/card-grid';
import { scopeChoices } from '../shared/choice-select';
import { ListFilterSelects, listFilter } from '../shared/filter-select';
import { SearchInput } from '../shared/list-controls';
import { ListQuery, optionalParam, textParam } from '../shared/list-query';
import { querySearch } from '../shared/query-search';
import { ReferenceData } from '../shared/reference-data';
import { action } from '../shared/run-action';
import { listOf, loadEach } from '../shared/list-of';

/**
 * Every project for anyone: search by words, filter by street, both kept in the URL (an
 * organization's profile links to `?q=` its name); newest first, "load more".
 */
@Component({
  selector: 'app-public-projects',
  imports: [RouterLink, NzCardModule, CardGrid, ListFilterSelects, SearchInput],
  templateUrl: './public-projects.html',
  styleUrls: ['../shared/column-page.css', './transparency.css'],
})
export class PublicProjects {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;
  protected readonly yuan = yuan;

  private readonly query = new ListQuery({ q: textParam(), street: optionalParam() });
  protected readonly picked = this.query.value;
  protected readonly search = querySearch(this.query);
  protected readonly selects = computed(() => [
    listFilter(
      'street',
      'directory.street',
      scopeChoices(this.ref.streets()),
      this.picked().street,
      (street) => this.query.set({ street }),
    ),
  ]);
  /** The projects of the search and street, made anew when they change (a late answer stays out). */
  protected readonly list = listOf(
    computed(() => {
      const { q, street } = this.picked();
      return { limit: 20, ...(q ? { q } : {}), ...(street ? { streetId: street } : {}) };
    }),
    (params, cursor) => this.api.invoke(publicProjectsList, { ...params, ...cursor }),
  );
  protected readonly loader = action();

  constructor() {
    this.ref.load().catch(() => undefined);
    loadEach(() => [this.list()], this.loader);
  }
}
