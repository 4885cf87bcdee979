import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { ErrorAlert } from './error-alert';

/**
 * The foot of a form that stands on its own (not an inline edit): what the last submit failed
 * with, then the submit button (full width unless `block` is false), busy while it runs.
 */
@Component({
  selector: 'app-form-submit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorAlert, NzButtonModule],
  template: `
    <app-error-alert [message]="error()" [testId]="errorTestId()" />
    <button
      nz-button
      nzType="primary"
      [nzBlock]="block()"
      type="submit"
      [nzLoading]="busy()"
      [attr.data-testid]="testId()"
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
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly errorTestId = input<string>();
  readonly block = input(true);
}
