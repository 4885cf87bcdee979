import { type ValidatorFn, Validators } from '@angular/forms';
import type { Field } from '../shared/form-fields';

/** The title a consultation, a meeting, a round or a submission is given: 2 to 120 characters. */
export const titleControl = (): [string, ValidatorFn[]] => [
  '',
  [Validators.required, Validators.minLength(2), Validators.maxLength(120)],
];

/** The form row of that title, with its id and test id. */
export const titleField = (id: string, testId: string): Field => ({
  name: 'title',
  label: 'participation.title',
  id,
  testId,
  required: true,
  rule: 'participation.titleRule',
});
