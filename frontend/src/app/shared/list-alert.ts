import { Component, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';

/** One line of a list alert; `code` (when given) rides along as the line's `data-reason`. */
export interface ListAlertLine {
  readonly text: string;
  readonly code?: string;
}

/** What an alert says: its message, and under it an intro paragraph and/or a bulleted list when given. */
export interface AlertNote {
  readonly type: 'success' | 'info' | 'warning' | 'error';
  readonly message: string;
  readonly intro?: string;
  readonly lines?: readonly ListAlertLine[];
  readonly testId?: string;
}

/**
 * An alert declared as data (`AlertNote`): its message, then (when given) an intro paragraph and a
 * bulleted list (reasons, changed values) as its description; the test id stands on the alert.
 */
@Component({
  selector: 'app-list-alert',
  imports: [NzAlertModule],
  template: `
    @let note = alert();
    <nz-alert
      [nzType]="note.type"
      nzShowIcon
      [nzMessage]="note.message"
      [nzDescription]="note.intro !== undefined || note.lines ? description : null"
      [attr.data-testid]="note.testId ?? null"
    />
    <ng-template #description>
      @if (note.intro; as text) {
        <p>{{ text }}</p>
      }
      @if (note.lines; as lines) {
        <ul class="lines">
          @for (line of lines; track $index) {
            <li [attr.data-reason]="line.code ?? null">{{ line.text }}</li>
          }
        </ul>
      }
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
  readonly alert = input.required<AlertNote>();
}
