import { Component, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';

/** One line of a list alert; `code` (when given) rides along as the line's `data-reason`. */
export interface ListAlertLine {
  readonly text: string;
  readonly code?: string;
}

/**
 * An alert whose description is a bulleted list (reasons, changed values), after an optional intro
 * paragraph; the test id stands on the alert.
 */
@Component({
  selector: 'app-list-alert',
  imports: [NzAlertModule],
  template: `
    <nz-alert
      [nzType]="type()"
      nzShowIcon
      [nzMessage]="message()"
      [nzDescription]="lines"
      [attr.data-testid]="testId() ?? null"
    />
    <ng-template #lines>
      @if (intro(); as text) {
        <p>{{ text }}</p>
      }
      <ul class="lines">
        @for (line of items(); track $index) {
          <li [attr.data-reason]="line.code ?? null">{{ line.text }}</li>
        }
      </ul>
    </ng-template>
  `,
  styles: `
    :host {
      display: block;
    }
    .lines {
      margin: 0;
      padding-left: 18px;
    }
  `,
})
export class ListAlert {
  readonly type = input.required<'success' | 'info' | 'warning' | 'error'>();
  readonly message = input.required<string>();
  readonly intro = input<string>();
  readonly items = input.required<readonly ListAlertLine[]>();
  readonly testId = input<string>();
}
