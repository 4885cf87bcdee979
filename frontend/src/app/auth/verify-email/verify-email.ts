import { Component, inject, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { Api } from '../../api/api';
import { meVerifyEmail } from '../../api/fn/me/me-verify-email';
import { I18n } from '../../i18n/i18n.service';
import { failureText } from '../../shared/api-error';
import { AuthService } from '../auth.service';
import { AuthOutcome } from '../auth-outcome';
import { AuthCard } from '../auth-card';

/**
 * The target of the mailed verification link: `/verify-email#<token>`. The token rides in the
 * fragment, which the browser never sends to a server (no access log, no Referer). Signed in only
 * (the route's guard sends others to sign in first): the link verifies the account that holds the
 * session, so the owner of an address cannot verify an account someone else opened with it.
 */
@Component({
  selector: 'app-verify-email',
  imports: [AuthCard, AuthOutcome, RouterLink, NzButtonModule],
  templateUrl: './verify-email.html',
})
export class VerifyEmail {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  protected readonly status = signal<'working' | 'done' | 'failed'>('working');
  protected readonly failure = signal('');

  constructor() {
    void this.verify(inject(ActivatedRoute).snapshot.fragment);
  }

  private async verify(token: string | null): Promise<void> {
    if (!token) {
      this.fail(this.t('verifyEmail.missing'));
      return;
    }
    try {
      await this.api.invoke(meVerifyEmail, { body: { token } });
      this.status.set('done');
      // The session's copy of the profile now says verified.
      await this.auth.reloadMe().catch(() => undefined);
    } catch (err) {
      this.fail(failureText(err, this.t));
    }
  }

  private fail(message: string): void {
    this.failure.set(message);
    this.status.set('failed');
  }
}
