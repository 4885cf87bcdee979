import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';

/**
 * The foot of a form that stands on its own (not an inline edit): what the last submit failed
 * with, then the full-width submit button, busy while it runs.
 */
@Component({
  selector: 'app-form-submit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule, NzButtonModule],
  template: `
    @if (error(); as message) {
      <nz-alert
        class="error"
        nzType="error"
        nzShowIcon
        [nzMessage]="message"
        [attr.data-testid]="errorTestId() ?? null"
      />
    }
    <button
      nz-button
      nzType="primary"
      nzBlock
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
    .error {
      margin-bottom: 16px;
    }
  `,
})
export class FormSubmit {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly errorTestId = input<string>();
}
