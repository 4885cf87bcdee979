import { Validators } from '@angular/forms';
import type { I18nKey } from '../i18n/zh-CN';
import type { Field } from '../shared/form-fields';

/** What volunteering posts (an activity, a help request) say first: a title and what it is about. */
export const titleRules = [Validators.required, Validators.minLength(2), Validators.maxLength(100)];

/** A post's title (its id is its test id) and description, as fields of its form. */
export const postFields = (prefix: string, titleLabel: I18nKey): Field[] => [
  {
    name: 'title',
    id: `${prefix}-title`,
    label: titleLabel,
    required: true,
    rule: 'volunteer.bank.titleRule',
    testId: `${prefix}-title`,
  },
  {
    name: 'description',
    id: `${prefix}-description`,
    label: 'volunteer.bank.description',
    kind: 'textarea',
    rows: 2,
    testId: `${prefix}-description`,
  },
];
