import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { Api } from '../../api/api';
import { authForgotPassword } from '../../api/functions';
import { I18n } from '../../i18n/i18n.service';
import { failureText } from '../../shared/api-error';
import { skipAuth } from '../auth-context';
import { FormRow } from '../../shared/form-row';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
@Component({
  selector: 'app-forgot-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormRow,
    ReactiveFormsModule,
    RouterLink,
    NzFormModule,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzCardModule,
  ],
  templateUrl: './forgot-password.html',
  styleUrl: '../auth-page.css',
})
export class ForgotPassword {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly sentTo = signal<string | null>(null);

  protected async submit(): Promise<void> {
    const control = this.form.controls.email;
    if (this.form.invalid) {
      control.markAsDirty();
      control.updateValueAndValidity();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    const email = control.value.trim();
    try {
      await this.api.invoke(authForgotPassword, { body: { email } }, skipAuth());
      this.sentTo.set(email);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.submitting.set(false);
    }
  }
}
