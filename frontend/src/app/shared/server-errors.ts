import type { AbstractControl, ValidatorFn } from '@angular/forms';
import type { I18n } from '../i18n/i18n.service';
import { apiError, failureText } from './api-error';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Field errors from the server (`details.field` of a 400/409), kept as validators: a control stays
 * invalid with `{ server: message }` while it holds the value the server refused, and becomes valid
 * again as soon as the user changes it. Being validators, they survive re-validation and controls
 * being re-attached to the DOM (a wizard moving between steps).
 */
export class ServerErrors {
  /** `t` puts the refusal in the user's language (failureText). */
  constructor(private readonly t: I18n['t']) {}

  private readonly refused = new Map<string, { value: unknown; message: string }>();

  /** Adds the server-error validator to each control of a group, under the control's name. */
  watch(controls: Record<string, AbstractControl>): void {
    for (const [field, control] of Object.entries(controls)) control.addValidators(this.validator(field));
  }

  validator(field: string): ValidatorFn {
    return (control) => {
      const refusal = this.refused.get(field);
      return refusal && same(refusal.value, control.value) ? { server: refusal.message } : null;
    };
  }

  /**
   * When the error names one of the controls, marks that control refused and returns the field;
   * null when the error names no known field.
   */
  apply(err: unknown, controls: Record<string, AbstractControl>): string | null {
    const body = apiError(err);
    const details = body?.details;
    const field =
      details && typeof details === 'object' && 'field' in details && typeof details.field === 'string'
        ? details.field
        : null;
    const control = field ? controls[field] : undefined;
    if (!body || !field || !control) return null;
    this.refused.set(field, { value: control.value, message: failureText(err, this.t) });
    control.markAsDirty();
    control.markAsTouched();
    control.updateValueAndValidity();
    return field;
  }
}

/** The server's refusal of a control it refused, else the page's own. */
export function serverOr(control: { errors: Record<string, unknown> | null }, fallback: string): string {
  const server = control.errors?.['server'];
  return typeof server === 'string' ? server : fallback;
}

/** Marks every control of a group dirty so its errors show, and says whether the group is valid. */
export function touchAll(group: { controls: Record<string, AbstractControl>; valid: boolean }): boolean {
  for (const control of Object.values(group.controls)) {
    control.markAsDirty();
    control.markAsTouched();
    control.updateValueAndValidity();
  }
  return group.valid;
}
