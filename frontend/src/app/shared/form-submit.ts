import { Component, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { ErrorAlert } from './error-alert';
import type { ActionState } from './run-action';

/**
 * The foot of a form that stands on its own (not an inline edit): what its `action` (the submit's
 * `action()`) last failed with (unless `showError` is false: the form shows it above), then the
 * submit button (full width unless `block` is false), busy while the action runs. A page's save that
 * stands outside any form is the same with `type="button"`: the page runs it on `pressed`.
 */
@Component({
  selector: 'app-form-submit',
  imports: [ErrorAlert, NzButtonModule],
  template: `
    @if (showError()) {
      <app-error-alert [message]="action().error()" [testId]="errorTestId()" />
    }
    <button
      nz-button
      nzType="primary"
      [nzBlock]="block()"
      [type]="type()"
      [nzLoading]="action().busy()"
      [attr.data-testid]="testId()"
      (click)="pressed.emit()"
    >
      {{ label() }}
    </button>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class FormSubmit {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly action = input.required<ActionState>();
  readonly showError = input(true);
  readonly errorTestId = input<string>();
  readonly block = input(true);
  /** `button` for a save outside a form (its `pressed` runs it); a form's submit by default. */
  readonly type = input<'submit' | 'button'>('submit');
  readonly pressed = output<void>();
}
