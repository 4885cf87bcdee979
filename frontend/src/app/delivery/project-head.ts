import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProjectSummaryDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { ProjectPicker } from './project-picker';

/**
 * The top of a page about one of the caller's projects: the picker (when there are several), the
 * page's notices (projected), then the chosen project's title with a link to its page. Test ids
 * are `<name>-project` and `<name>-project-link`.
 */
@Component({
  selector: 'app-project-head',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ProjectPicker, RouterLink],
  template: `
    <app-project-picker [projects]="projects()" [(selected)]="selected" />
    <ng-content />
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
    .project-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 4px 12px;
      margin-bottom: 12px;
      font-size: 16px;
    }
  `,
})
export class ProjectHead {
  protected readonly t = inject(I18n).t;
  readonly projects = input.required<ProjectSummaryDto[]>();
  readonly selected = model<string | null>(null);
  /** The chosen project's title, once loaded. */
  readonly title = input<string | undefined>();
  readonly name = input.required<string>();
}
