import { Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { I18n } from '../../i18n/i18n.service';
import { AuthService } from '../auth.service';
import type { Field } from '../../shared/form-fields';
import { action } from '../../shared/run-action';
import { AuthForm, type AuthFormPage, emailField } from '../auth-form';
import { AuthCard } from '../auth-card';

/** Only paths inside the app may be returned to, never another site. */
export function safeReturnUrl(url: string | null): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

@Component({
  selector: 'app-login',
  imports: [AuthCard, AuthForm, RouterLink],
  templateUrl: './login.html',
  styleUrl: '../auth-page.css',
})
export class Login implements AuthFormPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly t = inject(I18n).t;

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  readonly fields: readonly Field[] = [
    emailField('login-email', 'username', 'mail'),
    {
      name: 'password',
      id: 'login-password',
      label: 'login.password',
      required: true,
      rule: 'form.required',
      kind: 'password',
      autocomplete: 'current-password',
      icon: 'lock',
      testId: 'login-password',
    },
  ];
  readonly submitting = action();

  async submit(): Promise<void> {
    await this.submitting.run(async () => {
      const { email, password } = this.form.getRawValue();
      await this.auth.login(email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
    });
  }
}
