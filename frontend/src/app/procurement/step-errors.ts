import { Component, inject, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { I18n } from '../i18n/i18n.service';
import { ErrorAlert } from '../shared/error-alert';

/**
 * A step's refusal: its error, and every rule the server names when it refuses to publish
 * (`details.problems`). Test ids are `<testId>-error`, `<testId>-problems` and `<testId>-problem`.
 */
@Component({
  selector: 'app-step-errors',
  imports: [ErrorAlert, NzAlertModule],
  template: `
    <app-error-alert [message]="error()" [testId]="testId() + '-error'" />
    @if (problems().length) {
      <nz-alert
        nzType="error"
        nzShowIcon
        [nzMessage]="t('procurement.office.cannotPublish')"
        [nzDescription]="problemList"
        [attr.data-testid]="testId() + '-problems'"
      />
      <ng-template #problemList>
        <ul class="problems">
          @for (p of problems(); track p) {
            <li [attr.data-testid]="testId() + '-problem'">{{ p }}</li>
          }
        </ul>
      </ng-template>
    }
  `,
  styles: `
    /* A row of its own in the office's row of steps, and nothing while there is nothing to say. */
    :host {
      display: block;
      flex: 0 0 100%;
    }
    :host:empty {
      display: none;
    }
    nz-alert {
      display: block;
      margin-bottom: 12px;
    }
    .problems {
      margin: 0;
      padding-left: 20px;
    }
  `,
})
export class StepErrors {
  protected readonly t = inject(I18n).t;
  readonly error = input<string | null>(null);
  readonly problems = input<readonly string[]>([]);
  readonly testId = input.required<string>();
}
