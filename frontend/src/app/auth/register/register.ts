import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { I18n } from '../../i18n/i18n.service';
import type { Field } from '../../shared/form-fields';
import { action } from '../../shared/run-action';
import { AuthService } from '../auth.service';
import { AuthMailSent } from '../auth-outcome';
import { AuthCard } from '../auth-card';
import { AuthForm, type AuthFormPage, emailField, newPasswordField, PASSWORD_MIN_LENGTH } from '../auth-form';

@Component({
  selector: 'app-register',
  imports: [AuthCard, AuthMailSent, AuthForm, RouterLink],
  templateUrl: './register.html',
  styleUrl: '../auth-page.css',
})
export class Register implements AuthFormPage {
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    displayName: ['', [Validators.required]],
    phone: [''],
  });
  readonly fields: readonly Field[] = [
    emailField('register-email', 'email'),
    newPasswordField('register-password', 'login.password'),
    {
      name: 'displayName',
      id: 'register-name',
      label: 'register.displayName',
      required: true,
      rule: 'form.required',
      autocomplete: 'name',
      testId: 'register-name',
    },
    {
      name: 'phone',
      id: 'register-phone',
      label: 'register.phone',
      kind: 'tel',
      autocomplete: 'tel',
      testId: 'register-phone',
    },
  ];
  readonly submitting = action();
  /** The address a mail went to, once registered: the page then says to check that inbox. */
  protected readonly sentTo = signal<string | null>(null);

  async submit(): Promise<void> {
    const { email, password, displayName, phone } = this.form.getRawValue();
    await this.submitting.run(async () => {
      // The server answers the same whether or not the address has an account: the mail says which.
      const sent = await this.auth.register({
        email: email.trim(),
        password,
        displayName: displayName.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
      });
      this.sentTo.set(sent.email);
    });
  }
}
