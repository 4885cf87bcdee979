import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api } from '../../api/api';
import { authForgotPassword } from '../../api/fn/auth/auth-forgot-password';
import { I18n } from '../../i18n/i18n.service';
import { AuthMailSent } from '../auth-outcome';
import { AuthCard } from '../auth-card';
import { action } from '../../shared/run-action';
import { skipAuth } from '../auth-context';
import { AuthForm, type AuthFormPage, emailField } from '../auth-form';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
@Component({
  selector: 'app-forgot-password',
  imports: [AuthCard, AuthMailSent, AuthForm, RouterLink],
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
