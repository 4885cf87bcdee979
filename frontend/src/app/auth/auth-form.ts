import { Component, input } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { FieldsForm } from '../shared/form-card';
import type { Field } from '../shared/form-fields';
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
 * (an intro), then its fields and submit (an `app-fields-form`: each field marked once a submit is
 * tried, the page's submit run only when all are valid; the refusal of the last submit, then the
 * full-width submit button, busy while the submit runs), then the page's `.auth-switch` links.
 */
@Component({
  selector: 'app-auth-form',
  imports: [FieldsForm],
  template: `
    <ng-content />
    <app-fields-form
      [form]="page().form"
      [fields]="page().fields"
      [submitLabel]="submitLabel()"
      [submitTestId]="testId() + '-submit'"
      [errorTestId]="testId() + '-error'"
      [action]="page().submitting"
      (submitted)="send()"
    />
    <ng-content select=".auth-switch" />
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
