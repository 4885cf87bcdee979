import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';

/** Why something failed (a page's load, a form's save), above what it concerns; nothing while there is no failure. */
@Component({
  selector: 'app-error-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule],
  template: `
    @if (message(); as text) {
      <nz-alert class="error" nzType="error" nzShowIcon [nzMessage]="text" [attr.data-testid]="testId()" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .error {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class ErrorAlert {
  readonly message = input.required<string | null | undefined>();
  readonly testId = input.required<string>();
}
