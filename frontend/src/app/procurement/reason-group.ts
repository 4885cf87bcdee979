import { inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';

/**
 * A procurement reason (the office's for a step): required, 2
 * characters at least, `max` at most (the API's limit). Made in an injection context.
 */
export const reasonGroup = (max: number) =>
  inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(max)]],
  });
