import { Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { Api } from '../api/api';
import { projectsMine } from '../api/functions';
import type { ProjectSummaryDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { failureText } from '../shared/api-error';
import { ErrorAlert } from '../shared/error-alert';
import { routeParam } from '../shared/route-param';
import type { I18nKey } from '../i18n/zh-CN';
import { ProjectPicker, selectedProject } from './project-picker';

/** Which of the caller's projects a page is about, and what it says when there is none. */
export interface ProjectsOffered {
  keep?: (project: ProjectSummaryDto) => boolean;
  none: I18nKey;
}

/**
 * The caller's projects a page offers (GET /me/projects, read once; `loaded` once answered, why it
 * failed goes to `failed`) and the one chosen: the route's (`:projectId`), else the one picked
 * before, else the first. Made in an injection context.
 */
export class MyProjects {
  private readonly all = signal<ProjectSummaryDto[]>([]);
  readonly loaded = signal(false);
  readonly offered = computed(() => this.all().filter((p) => this.options.keep?.(p) ?? true));
  readonly selected;

  constructor(
    readonly options: ProjectsOffered,
    failed: (message: string) => void,
  ) {
    this.selected = selectedProject(routeParam('projectId'), this.offered);
    const t = inject(I18n).t;
    inject(Api)
      .invoke(projectsMine)
      .then(
        (projects) => this.all.set(projects),
        (err) => failed(failureText(err, t)),
      )
      .finally(() => this.loaded.set(true));
  }
}

/**
 * The top of a page about one of the caller's projects: the picker (when there are several), the
 * page's error, what it says once it knows there is no project for it, then the chosen project's
 * title with a link to its page. Test ids are `<name>-error`, `<name>-no-project`, `<name>-project`
 * and `<name>-project-link`.
 */
@Component({
  selector: 'app-project-head',
  imports: [ErrorAlert, NzAlertModule, ProjectPicker, RouterLink],
  template: `
    <app-project-picker [projects]="mine().offered()" [(selected)]="mine().selected" />
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
