import { Component, type Signal, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { Api } from '../api/api';
import { projectsGet } from '../api/fn/projects/projects-get';
import { projectsMine } from '../api/fn/projects/projects-mine';
import type { ProjectDto, ProjectSummaryDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { failureText } from '../shared/api-error';
import { ErrorAlert } from '../shared/error-alert';
import { reloadOn } from '../shared/list-query';
import { ReferenceData } from '../shared/reference-data';
import { routeParam } from '../shared/route-param';
import type { I18nKey } from '../i18n/zh-CN';
import { ChoiceSelect, offeredOrFirst } from '../shared/choice-select';
import { projectCommunities } from './record-fields/record-fields';

/** Which of the caller's projects a page is about, and what it says when there is none. */
export interface ProjectsOffered {
  keep?: (project: ProjectSummaryDto) => boolean;
  none: I18nKey;
}

/**
 * The selected project: the route's when it names one of the list (or while the list loads), else
 * the one picked before if still listed, else the first.
 */
export function selectedProject(param: Signal<string | null>, projects: Signal<ProjectSummaryDto[]>) {
  return linkedSignal<{ param: string | null; list: ProjectSummaryDto[] }, string | null>({
    source: () => ({ param: param(), list: projects() }),
    computation: ({ param, list }, previous) => {
      if (param && (!list.length || list.some((p) => p.id === param))) return param;
      return offeredOrFirst(previous?.value ?? null, list);
    },
  });
}

/**
 * The caller's projects a page offers (GET /me/projects, read once; `loaded` once answered) and the
 * one chosen: the route's (`:projectId`), else the one picked before, else the first; the chosen one
 * read in full (`project`, `projectLoading` while it is read) and the communities its records may
 * name (`communities`, named from the reference data). Why any of them failed goes to `failed`.
 * Made in an injection context.
 */
export class MyProjects {
  private readonly api = inject(Api);
  private readonly t = inject(I18n).t;
  private readonly all = signal<ProjectSummaryDto[]>([]);
  readonly loaded = signal(false);
  readonly offered = computed(() => this.all().filter((p) => this.options.keep?.(p) ?? true));
  /** The projects offered, as the picker's choices. */
  readonly choices = computed(() => this.offered().map((p) => ({ value: p.id, label: p.title })));
  readonly selected;
  readonly project = signal<ProjectDto | null>(null);
  readonly projectLoading = signal(false);
  readonly communities;

  constructor(
    readonly options: ProjectsOffered,
    private readonly failed: (message: string) => void,
  ) {
    this.selected = selectedProject(routeParam('projectId'), this.offered);
    const ref = inject(ReferenceData);
    this.communities = computed(() => projectCommunities(this.project(), (id) => ref.regionName(id)));
    ref.load().catch(() => failed(this.t('errors.reference')));
    this.api
      .invoke(projectsMine)
      .then(
        (projects) => this.all.set(projects),
        (err) => failed(failureText(err, this.t)),
      )
      .finally(() => this.loaded.set(true));
    reloadOn(this.selected, (id) => this.loadProject(id));
  }

  private async loadProject(projectId: string | null): Promise<void> {
    this.project.set(null);
    if (!projectId) return;
    this.projectLoading.set(true);
    try {
      const project = await this.api.invoke(projectsGet, { id: projectId });
      if (projectId === this.selected()) this.project.set(project);
    } catch (err) {
      if (projectId === this.selected()) this.failed(failureText(err, this.t));
    } finally {
      if (projectId === this.selected()) this.projectLoading.set(false);
    }
  }
}

/**
 * The top of a page about one of the caller's projects: the picker (when there are several), the
 * page's error, what it says once it knows there is no project for it, then the chosen project's
 * title with a link to its page. Test ids are `project-picker`, `<name>-error`, `<name>-no-project`,
 * `<name>-project` and `<name>-project-link`.
 */
@Component({
  selector: 'app-project-head',
  imports: [ChoiceSelect, ErrorAlert, NzAlertModule, RouterLink],
  template: `
    @if (mine().offered().length > 1) {
      <app-choice-select
        class="block"
        name="project-picker"
        [label]="t('delivery.project.pick')"
        [choices]="mine().choices()"
        [(value)]="mine().selected"
      />
    }
    <app-error-alert [message]="error()" [testId]="name() + '-error'" />
    @if (mine().loaded() && !mine().offered().length) {
      <nz-alert
        class="block"
        nzType="info"
        nzShowIcon
        [nzMessage]="t(mine().options.none)"
        [attr.data-testid]="name() + '-no-project'"
      />
    }
    @if (mine().selected(); as projectId) {
      <div class="project-head">
        <strong [attr.data-testid]="name() + '-project'">{{ title() }}</strong>
        <a [routerLink]="['/projects', projectId]" [attr.data-testid]="name() + '-project-link'">{{
          t('delivery.project.open')
        }}</a>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .project-head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 12px;
      margin-bottom: 12px;
      font-size: 16px;
    }
    /* One line whatever the title's length (the picker above shows it whole): the title arrives
       after the page is drawn, and a wrapping one would push the page down. */
    .project-head strong {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .project-head a {
      flex: none;
    }
  `,
})
export class ProjectHead {
  protected readonly t = inject(I18n).t;
  readonly mine = input.required<MyProjects>();
  readonly error = input<string | null>(null);
  readonly name = input.required<string>();
  protected readonly title = computed(() => {
    const { offered, selected } = this.mine();
    return offered().find((p) => p.id === selected())?.title;
  });
}
