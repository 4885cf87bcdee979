import { Component, input, type TemplateRef } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';

/**
 * What a load or an action failed with, as an error alert with its test id (and the error's `code`
 * as `data-code` when given); nothing at all while there is no failure.
 */
@Component({
  selector: 'app-error-alert',
  imports: [NzAlertModule],
  template: `
    @if (message(); as text) {
      <nz-alert
        nzType="error"
        nzShowIcon
        [nzMessage]="text"
        [attr.data-testid]="testId() ?? null"
        [attr.data-code]="code() ?? null"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    nz-alert {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class ErrorAlert {
  readonly message = input<string | TemplateRef<void> | null | undefined>();
  readonly testId = input<string>();
  readonly code = input<string | null>();
}
