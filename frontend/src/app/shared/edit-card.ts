import { Component, input, output } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { ErrorAlert } from './error-alert';
import { FormActions } from './form-actions';
import type { ActionState } from './run-action';

/**
 * A card that edits something in place (an entry of a tree, a rule set): its title, what the page
 * projects (the fields), what the last save failed with, then cancel and save (busy while its
 * `action` runs: the `action()` of the save). Enter in a field saves. Test ids: `<testId>` on the card, `<testId>-error` and `<testId>-submit` unless named.
 */
@Component({
  selector: 'app-edit-card',
  imports: [ErrorAlert, FormActions, NzCardModule, NzFormModule],
  template: `
    <nz-card [nzTitle]="title()" [attr.data-testid]="testId()" [attr.data-mode]="mode() ?? null">
      <form nz-form nzLayout="vertical" (submit)="$event.preventDefault(); submitted.emit()">
        <ng-content />
        <app-error-alert [message]="action().error()" [testId]="errorTestId() ?? testId() + '-error'" />
        <app-form-actions
          [submitLabel]="submitLabel()"
          [submitTestId]="submitTestId() ?? testId() + '-submit'"
          [busy]="action().busy()"
          (cancelled)="cancelled.emit()"
        />
      </form>
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class EditCard {
  readonly title = input.required<string>();
  readonly testId = input.required<string>();
  readonly submitLabel = input.required<string>();
  /** What the card does now ('create', 'edit'…), as `data-mode`. */
  readonly mode = input<string>();
  /** What runs the save: busy while it does, and its failure (an `action()`). */
  readonly action = input.required<ActionState>();
  readonly submitTestId = input<string>();
  readonly errorTestId = input<string>();
  readonly submitted = output<void>();
  readonly cancelled = output<void>();
}
