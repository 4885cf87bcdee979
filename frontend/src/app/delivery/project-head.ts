import { ChangeDetectionStrategy, Component, inject, input, model, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import type { Api } from '../api/api';
import { projectsMine } from '../api/functions';
import type { ProjectSummaryDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { ProjectPicker } from './project-picker';

/** The caller's projects (GET /me/projects), read once: `loaded` once answered; a failure goes to `failed`. */
export class MyProjects {
  readonly all = signal<ProjectSummaryDto[]>([]);
  readonly loaded = signal(false);

  constructor(api: Api, failed: (err: unknown) => void) {
    api
      .invoke(projectsMine)
      .then((projects) => this.all.set(projects), failed)
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
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule, ProjectPicker, RouterLink],
  template: `
    <app-project-picker [projects]="projects()" [(selected)]="selected" />
    @if (error(); as message) {
      <nz-alert class="block" nzType="error" nzShowIcon [nzMessage]="message" [attr.data-testid]="name() + '-error'" />
    }
    @if (loaded() && !projects().length) {
      <nz-alert
        class="block"
        nzType="info"
        nzShowIcon
        [nzMessage]="noProjects()"
        [attr.data-testid]="name() + '-no-project'"
      />
    }
    @if (selected(); as projectId) {
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
  readonly projects = input.required<ProjectSummaryDto[]>();
  readonly selected = model<string | null>(null);
  /** Whether the projects are read (before, no "no project" notice). */
  readonly loaded = input(false);
  /** What the page says when the caller has no project for it. */
  readonly noProjects = input.required<string>();
  readonly error = input<string | null>(null);
  /** The chosen project's title, once loaded. */
  readonly title = input<string | undefined>();
  readonly name = input.required<string>();
}
