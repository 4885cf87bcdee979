import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { projectsPage } from '../../api/fn/projects/projects-page';
import { PROJECT_LIST_SORT } from '../../api/models/project-list-sort-array';
import { PROJECT_STATUS } from '../../api/models/project-status-array';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { ChoiceSelect } from '../../shared/choice-select';
import { ListFilters } from '../../shared/list-filters';
import { SearchSort } from '../../shared/search-sort';
import { listOf, loadEach, loadMore } from '../../shared/list-of';
import { ListQuery, oneOfParam, optionalParam, textParam } from '../../shared/list-query';
import { LoadMore } from '../../shared/load-more';
import { action } from '../../shared/run-action';
import { ErrorAlert } from '../../shared/error-alert';

/**
 * The projects the caller works on (team) or whose organization the caller administers: search,
 * status and order kept in the URL, a page at a time.
 */
@Component({
  selector: 'app-project-list',
  imports: [
    ErrorAlert,
    RouterLink,
    NzCardModule,
    NzSpinModule,
    NzTagModule,
    ChoiceSelect,
    ListFilters,
    LoadMore,
  ],
  template: `
    <nz-card [nzTitle]="t('delivery.menu.projects')">
      <app-list-filters [filters]="filters">
        <app-choice-select
          name="projects-status"
          clearable
          [label]="t('delivery.project.status')"
          [choices]="statuses()"
          [value]="picked().status"
          (valueChange)="query.set({ status: $event })"
        />
      </app-list-filters>
      <app-error-alert [message]="loader.error()" testId="projects-error" />
      <nz-spin [nzSpinning]="loader.busy()">
        <ul class="list" data-testid="project-list">
          @for (p of projects().items(); track p.id) {
            <li [attr.data-project]="p.title">
              <a class="title" [routerLink]="['/projects', p.id]" data-testid="project-link">{{ p.title }}</a>
              <div class="meta">
                <span class="muted">{{ p.organizationName }}</span>
                @if (p.isLead) {
                  <nz-tag nzColor="blue">{{ t('delivery.project.lead') }}</nz-tag>
                }
                @if (p.status === 'completed') {
                  <nz-tag>{{ t('delivery.project.status.completed') }}</nz-tag>
                }
              </div>
              @if (worker() && p.status === 'active') {
                <div class="meta">
                  <a [routerLink]="['/service-log', p.id]">{{ t('delivery.project.log') }}</a>
                  @if (p.isLead) {
                    <a [routerLink]="['/record-approvals', p.id]">{{ t('delivery.menu.approvals') }}</a>
                  }
                </div>
              }
            </li>
          } @empty {
            @if (!loader.busy()) {
              <li class="muted">
                {{ filtered() ? t('delivery.project.noMatch') : t('delivery.project.none') }}
              </li>
            }
          }
        </ul>
      </nz-spin>
      <app-load-more [list]="projects()" testId="projects-more" (more)="more()" />
    </nz-card>
  `,
  styleUrls: ['../../shared/page.css'],
  styles: `
    :host {
      display: block;
      max-width: 800px;
    }
    .title {
      font-size: 16px;
      font-weight: 600;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin-top: 4px;
    }
  `,
})
export class ProjectList {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;

  protected readonly query = new ListQuery({
    q: textParam(),
    status: optionalParam(PROJECT_STATUS),
    sort: oneOfParam(PROJECT_LIST_SORT, 'newest'),
  });
  protected readonly picked = this.query.value;
  protected readonly filters = new SearchSort(this.query, {
    name: 'projects',
    words: 'delivery.project',
    sorts: PROJECT_LIST_SORT,
  });
  protected readonly statuses = computed(() =>
    PROJECT_STATUS.map((s) => ({ value: s, label: this.t(`delivery.project.status.${s}`) })),
  );
  /** A search or a status narrows the list (an empty list then says nothing matches). */
  protected readonly filtered = computed(() => !!this.picked().q || !!this.picked().status);
  protected readonly projects = listOf(this.picked, ({ q, status, sort }, cursor) =>
    this.api.invoke(projectsPage, {
      ...(q ? { q } : {}),
      ...(status ? { status } : {}),
      ...(sort !== 'newest' ? { sort } : {}),
      ...cursor,
    }),
  );
  protected readonly loader = action();
  protected readonly worker = computed(() => this.auth.roles().has('social_worker'));

  constructor() {
    loadEach(() => [this.projects()], this.loader);
  }

  protected more(): Promise<void> {
    return loadMore(this.projects(), this.loader);
  }
}
