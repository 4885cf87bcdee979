import { Component, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';

/**
 * What a sign-in page says once it is done (a mail sent, a password set, an address verified) or
 * cannot go on (no token): an alert, then the way on that the page projects (a link or a button).
 */
@Component({
  selector: 'app-auth-outcome',
  imports: [NzAlertModule],
  template: `
    <nz-alert
      nzShowIcon
      [nzType]="type()"
      [nzMessage]="message()"
      [nzDescription]="description() ?? null"
      [attr.data-testid]="testId()"
    />
    <p class="auth-switch"><ng-content /></p>
  `,
  // Only the pages' link row: the page's own width and margins (auth-page.css) are not the alert's.
  styles: '.auth-switch { margin: 16px 0 0; text-align: center; }',
})
export class AuthOutcome {
  readonly type = input.required<'success' | 'info' | 'warning'>();
  readonly message = input.required<string>();
  readonly description = input<string>();
  readonly testId = input.required<string>();
}
