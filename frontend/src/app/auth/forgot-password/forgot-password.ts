import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { Api } from '../../api/api';
import { authForgotPassword } from '../../api/functions';
import { I18n } from '../../i18n/i18n.service';
import { AuthOutcome } from '../auth-outcome';
import { action } from '../../shared/run-action';
import { skipAuth } from '../auth-context';
import { AuthForm, type AuthFormPage, emailField } from '../auth-form';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
@Component({
  selector: 'app-forgot-password',
  imports: [AuthOutcome, AuthForm, RouterLink, NzButtonModule, NzCardModule],
  templateUrl: './forgot-password.html',
  styleUrl: '../auth-page.css',
})
export class ForgotPassword implements AuthFormPage {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  readonly fields = [emailField('forgot-email', 'email')];
  readonly submitting = action();
  protected readonly sentTo = signal<string | null>(null);

  async submit(): Promise<void> {
    const email = this.form.controls.email.value.trim();
    await this.submitting.run(async () => {
      await this.api.invoke(authForgotPassword, { body: { email } }, skipAuth());
      this.sentTo.set(email);
    });
  }
}
