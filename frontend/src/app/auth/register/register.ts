import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { I18n } from '../../i18n/i18n.service';
import { failureText } from '../../shared/api-error';
import { AuthService } from '../auth.service';
import { FormRow } from '../../shared/form-row';

export const PASSWORD_MIN_LENGTH = 8;

@Component({
  selector: 'app-register',
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
  templateUrl: './register.html',
  styleUrl: '../auth-page.css',
})
export class Register {
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    displayName: ['', [Validators.required]],
    phone: [''],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The address a mail went to, once registered: the page then says to check that inbox. */
  protected readonly sentTo = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    const { email, password, displayName, phone } = this.form.getRawValue();
    try {
      // The server answers the same whether or not the address has an account: the mail says which.
      const sent = await this.auth.register({
        email: email.trim(),
        password,
        displayName: displayName.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
      });
      this.sentTo.set(sent.email);
    } catch (err) {
      this.error.set(failureText(err, this.t));
    } finally {
      this.submitting.set(false);
    }
  }
}
