import { Component, Signal, inject, input, linkedSignal, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { ProjectSummaryDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';
import { offeredOrFirst } from '../shared/choice-select';

/** Picks one of the caller's projects (GET /me/projects); hidden when there is only one. */
@Component({
  selector: 'app-project-picker',
  imports: [FormsModule, NzSelectModule],
  template: `
    @if (projects().length > 1) {
      <nz-select
        class="picker"
        data-testid="project-picker"
        [attr.aria-label]="t('delivery.project.pick')"
        [nzPlaceHolder]="t('delivery.project.pick')"
        [ngModel]="selected()"
        (ngModelChange)="selected.set($event)"
      >
        @for (p of projects(); track p.id) {
          <nz-option [nzValue]="p.id" [nzLabel]="p.title" />
        }
      </nz-select>
    }
  `,
  styles: `
    .picker {
      width: 100%;
      margin-bottom: 16px;
    }
  `,
})
export class ProjectPicker {
  protected readonly t = inject(I18n).t;
  readonly projects = input.required<ProjectSummaryDto[]>();
  readonly selected = model<string | null>(null);
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
