import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { type Field, FormFields } from '../shared/form-fields';

export const PASSWORD_MIN_LENGTH = 8;

/** The email field of the sign-in pages; `icon` on the login page. */
export const emailField = (id: string, autocomplete: string, icon?: string): Field => ({
  name: 'email',
  id,
  label: 'login.email',
  required: true,
  errors: { required: 'form.required' },
  rule: 'form.email',
  kind: 'email',
  autocomplete,
  icon,
  testId: id,
});

/** A new password (at least PASSWORD_MIN_LENGTH characters). */
export const newPasswordField = (id: string, label: Field['label']): Field => ({
  name: 'password',
  id,
  label,
  required: true,
  errors: { required: 'form.required' },
  rule: 'form.passwordMin',
  kind: 'password',
  autocomplete: 'new-password',
  testId: id,
});

/**
 * The form of a sign-in page (login, register, forgot and reset password): the refusal on top, then
 * what the page projects (an intro), the fields, the full-width submit button, and the page's
 * `.auth-switch` links.
 */
@Component({
  selector: 'app-auth-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FormFields, NzAlertModule, NzButtonModule, NzFormModule],
  template: `
    <form nz-form nzLayout="vertical" [formGroup]="form()" (ngSubmit)="submitted.emit()">
      @if (error(); as message) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="message" [attr.data-testid]="testId() + '-error'" />
      }
      <ng-content />
      <app-form-fields [form]="form()" [fields]="fields()" />
      <button
        nz-button
        nzType="primary"
        nzBlock
        type="submit"
        [nzLoading]="busy()"
        [attr.data-testid]="testId() + '-submit'"
      >
        {{ submitLabel() }}
      </button>
      <ng-content select=".auth-switch" />
    </form>
  `,
  styles: `
    nz-alert {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class AuthForm {
  readonly form = input.required<FormGroup>();
  readonly fields = input.required<readonly Field[]>();
  /** The page's test id prefix: `<testId>-error`, `<testId>-submit`. */
  readonly testId = input.required<string>();
  readonly submitLabel = input.required<string>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<void>();
}
