import { Component, inject, input, signal } from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { Api } from '../../api/api';
import { authResetPassword } from '../../api/fn/auth/auth-reset-password';
import { I18n } from '../../i18n/i18n.service';
import { skipAuth } from '../auth-context';
import { AuthService } from '../auth.service';
import { AuthOutcome } from '../auth-outcome';
import { AuthCard } from '../auth-card';
import type { Field } from '../../shared/form-fields';
import { action } from '../../shared/run-action';
import { AuthForm, type AuthFormPage, newPasswordField, PASSWORD_MIN_LENGTH } from '../auth-form';

const sameAsPassword = (control: AbstractControl): ValidationErrors | null =>
  control.parent && control.value !== control.parent.get('password')?.value ? { mismatch: true } : null;

/**
 * The target of the mailed reset link: `/reset-password#<token>` (in the fragment, never sent to a
 * server). Setting the password signs every session out, this browser's too: the user signs in again.
 * Also `/welcome#<token>` (route data `welcome`), where a new account sets its first password.
 */
@Component({
  selector: 'app-reset-password',
  imports: [AuthCard, AuthOutcome, AuthForm, RouterLink, NzButtonModule],
  templateUrl: './reset-password.html',
})
export class ResetPassword implements AuthFormPage {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly t = inject(I18n).t;
  protected readonly token = inject(ActivatedRoute).snapshot.fragment;
  /** Bound from the route's data: the first password of a new account rather than a reset. */
  readonly welcome = input(false);

  readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    confirm: ['', [Validators.required, sameAsPassword]],
  });
  readonly fields: readonly Field[] = [
    newPasswordField('reset-password', 'reset.password'),
    {
      name: 'confirm',
      id: 'reset-confirm',
      label: 'reset.confirm',
      required: true,
      errors: { required: 'form.required' },
      rule: 'reset.mismatch',
      kind: 'password',
      autocomplete: 'new-password',
      testId: 'reset-confirm',
    },
  ];
  readonly submitting = action();
  protected readonly done = signal(false);

  async submit(): Promise<void> {
    const token = this.token;
    if (!token) return;
    await this.submitting.run(async () => {
      await this.api.invoke(
        authResetPassword,
        { body: { token, password: this.form.controls.password.value } },
        skipAuth(),
      );
      this.done.set(true);
    });
  }

  /** The reset ended this browser's session on the server too: forget it here before signing in. */
  protected async toLogin(): Promise<void> {
    if (this.auth.isSignedIn()) await this.auth.logout();
    else await this.router.navigate(['/login']);
  }
}
