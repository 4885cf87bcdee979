import { inject } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import type { Field } from './form-fields';
import type { Words } from './words';
import { type ReasonKind, reasonRule } from './reason-rules';

/**
 * The declared row of a required reason of this kind (a textarea, the control `reason` of its
 * `reasonForm(kind)`): its kind's limits are said while it breaks them; `id` is its test id too.
 * Made in an injection context.
 */
export function reasonField(kind: ReasonKind, row: { id: string; label: Words; rows?: number }): Field {
  const t = inject(I18n).t;
  return {
    name: 'reason',
    kind: 'textarea',
    rows: 2,
    required: true,
    rule: () => reasonRule(kind, t),
    testId: row.id,
    ...row,
  };
}
