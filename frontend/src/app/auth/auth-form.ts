import { Component, input } from '@angular/core';
import { type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { type Field, FormFields } from '../shared/form-fields';
import { FormSubmit } from '../shared/form-submit';
import { touchAll } from '../shared/server-errors';
import type { Action } from '../shared/run-action';

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
 * What a sign-in page gives its form (the page passes itself): the group, its fields, the submit (called once
 * every field is valid) and its action.
 */
export interface AuthFormPage {
  readonly form: FormGroup;
  readonly fields: readonly Field[];
  readonly submitting: Action;
  submit(): void;
}

/**
 * The form of a sign-in page (login, register, forgot and reset password): what the page projects
 * (an intro), the fields (each marked once a submit is tried; the page's submit runs only when all are valid), the foot (`app-form-submit`: the refusal of the last submit, then the
 * full-width submit button, busy while the submit runs), and the page's `.auth-switch` links.
 */
@Component({
  selector: 'app-auth-form',
  imports: [ReactiveFormsModule, FormFields, FormSubmit, NzFormModule],
  template: `
    <form nz-form nzLayout="vertical" [formGroup]="page().form" (ngSubmit)="send()">
      <ng-content />
      <app-form-fields [form]="page().form" [fields]="page().fields" />
      <app-form-submit
        [label]="submitLabel()"
        [testId]="testId() + '-submit'"
        [action]="page().submitting"
        [errorTestId]="testId() + '-error'"
      />
      <ng-content select=".auth-switch" />
    </form>
  `,
})
export class AuthForm {
  readonly page = input.required<AuthFormPage>();
  /** The page's test id prefix: `<testId>-error`, `<testId>-submit`. */
  readonly testId = input.required<string>();
  readonly submitLabel = input.required<string>();

  protected send(): void {
    if (touchAll(this.page().form)) this.page().submit();
  }
}
