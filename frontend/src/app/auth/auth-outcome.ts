import { Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { I18n } from '../i18n/i18n.service';

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
  styleUrl: './auth-page.css',
})
export class AuthOutcome {
  readonly type = input.required<'success' | 'info' | 'warning'>();
  readonly message = input.required<string>();
  readonly description = input<string>();
  readonly testId = input.required<string>();
}

/**
 * A sign-in page that mailed a link (registering, a forgotten password): check the inbox (`description`
 * names the address), then on to sign in (`<testId>-login`).
 */
@Component({
  selector: 'app-auth-mail-sent',
  imports: [AuthOutcome, RouterLink, NzButtonModule],
  template: `
    <app-auth-outcome
      [type]="type()"
      [testId]="testId()"
      [message]="t('register.sentTitle')"
      [description]="description()"
    >
      <a nz-button nzType="primary" routerLink="/login" [attr.data-testid]="testId() + '-login'">
        {{ t('register.sentLogin') }}
      </a>
    </app-auth-outcome>
  `,
})
export class AuthMailSent {
  protected readonly t = inject(I18n).t;
  readonly type = input<'success' | 'info'>('success');
  readonly testId = input.required<string>();
  readonly description = input.required<string>();
}
