import { inject } from '@angular/core';
import { Validators } from '@angular/forms';
import { ORGANIZATION_TYPE } from '../api/models/organization-type-array';
import { communityGroups } from '../shared/community-select';
import type { Field } from '../shared/form-fields';
import { Labels } from '../shared/labels';
import { ReferenceData } from '../shared/reference-data';

/** The server's contact phone rule (`^\+?[0-9-]{6,20}$`), checked before sending. */
export const PHONE_PATTERN = /^\+?[0-9-]{6,20}$/;

/** The server's rule for inviting by phone: digits only, 6 to 15 of them. */
export const INVITE_PHONE_PATTERN = /^\+?[0-9]{6,15}$/;

/** The server's limits on an organization's identity and contact, for the wizard and the edit form. */
export const ORG_VALIDATORS = {
  name: [Validators.required, Validators.minLength(2), Validators.maxLength(100)],
  description: [Validators.maxLength(2000)],
  legalRepresentative: [Validators.required, Validators.maxLength(60)],
  contactPhone: [Validators.required, Validators.pattern(PHONE_PATTERN)],
};

/**
 * The fields of an organization's identity and scope, as the registration wizard (`org`: with test
 * ids, placeholders and help) and the edit form of one's own organization (`edit`) show them. Call
 * in an injection context.
 */
export function injectOrganizationFields(prefix: 'org' | 'edit') {
  const label = inject(Labels);
  const ref = inject(ReferenceData);
  const wizard = prefix === 'org';
  const choose = wizard ? ('form.choose' as const) : undefined;
  /** A field whose input's id is `<prefix>-<part>`, which is also its test id in the wizard. */
  const field = (name: string, part: string, text: Field['label'], more: Partial<Field>): Field => ({
    name,
    id: `${prefix}-${part}`,
    label: text,
    testId: wizard ? `${prefix}-${part}` : undefined,
    ...more,
  });
  return {
    name: field('name', 'name', 'org.name', {
      required: true,
      rule: 'org.nameRule',
      testId: `${prefix}-name`,
    }),
    type: field('type', 'type', 'org.type', {
      kind: 'select',
      required: true,
      rule: 'form.required',
      options: () => ORGANIZATION_TYPE.map((type) => ({ value: type, label: label.orgType(type) })),
      placeholder: choose,
    }),
    description: field('description', 'description', 'org.description', {
      kind: 'textarea',
      rows: 3,
      rule: 'org.descriptionRule',
    }),
    legalRepresentative: field('legalRepresentative', 'legal-rep', 'org.legalRepresentative', {
      required: true,
      rule: 'form.required',
      autocomplete: wizard ? 'name' : undefined,
    }),
    contactPhone: field('contactPhone', 'phone', 'org.contactPhone', {
      required: true,
      rule: 'form.phone',
      kind: 'tel',
      autocomplete: wizard ? 'tel' : undefined,
    }),
    categoryCodes: field('categoryCodes', 'categories', 'org.categories', {
      kind: 'tree',
      multiple: true,
      required: true,
      rule: 'org.categoriesRule',
      nodes: () => ref.categoryNodes(),
      showSearch: wizard,
      placeholder: choose,
    }),
    communityIds: field('communityIds', 'communities', 'org.communities', {
      kind: 'select',
      multiple: true,
      groups: () => communityGroups(ref),
      rule: 'form.required',
      help: wizard ? 'org.communitiesHelp' : undefined,
      placeholder: choose,
    }),
  } satisfies Record<string, Field>;
}
