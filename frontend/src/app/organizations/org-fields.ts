import { inject } from '@angular/core';
import { ORGANIZATION_TYPE } from '../api/models/organization-type-array';
import type { Field } from '../shared/form-fields';
import { Labels } from '../shared/labels';
import { ReferenceData } from '../shared/reference-data';

/** The server's contact phone rule (`^\+?[0-9-]{6,20}$`), checked before sending. */
export const PHONE_PATTERN = /^\+?[0-9-]{6,20}$/;

/** The server's rule for inviting by phone: digits only, 6 to 15 of them. */
export const INVITE_PHONE_PATTERN = /^\+?[0-9]{6,15}$/;

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
  return {
    name: {
      name: 'name',
      id: `${prefix}-name`,
      label: 'org.name',
      required: true,
      rule: 'org.nameRule',
      testId: `${prefix}-name`,
    },
    type: {
      kind: 'select',
      name: 'type',
      id: `${prefix}-type`,
      label: 'org.type',
      required: true,
      rule: 'form.required',
      options: () => ORGANIZATION_TYPE.map((type) => ({ value: type, label: label.orgType(type) })),
      placeholder: choose,
      testId: wizard ? 'org-type' : undefined,
    },
    description: {
      kind: 'textarea',
      name: 'description',
      id: `${prefix}-description`,
      label: 'org.description',
      rows: 3,
      rule: 'org.descriptionRule',
      testId: wizard ? 'org-description' : undefined,
    },
    legalRepresentative: {
      name: 'legalRepresentative',
      id: `${prefix}-legal-rep`,
      label: 'org.legalRepresentative',
      required: true,
      rule: 'form.required',
      autocomplete: wizard ? 'name' : undefined,
      testId: wizard ? 'org-legal-rep' : undefined,
    },
    contactPhone: {
      name: 'contactPhone',
      id: `${prefix}-phone`,
      label: 'org.contactPhone',
      required: true,
      rule: 'form.phone',
      kind: 'tel',
      autocomplete: wizard ? 'tel' : undefined,
      testId: wizard ? 'org-phone' : undefined,
    },
    categoryCodes: {
      kind: 'tree',
      multiple: true,
      name: 'categoryCodes',
      id: `${prefix}-categories`,
      label: 'org.categories',
      required: true,
      rule: 'org.categoriesRule',
      nodes: () => ref.categoryNodes(),
      showSearch: wizard,
      placeholder: choose,
      testId: wizard ? 'org-categories' : undefined,
    },
    communityIds: {
      kind: 'select',
      name: 'communityIds',
      id: `${prefix}-communities`,
      label: 'org.communities',
      multiple: true,
      groups: () =>
        ref.streetGroups().map((group) => ({
          label: group.street.name,
          options: group.communities.map((c) => ({ value: c.id, label: c.name })),
        })),
      rule: 'form.required',
      help: wizard ? 'org.communitiesHelp' : undefined,
      placeholder: choose,
      testId: wizard ? 'org-communities' : undefined,
    },
  } satisfies Record<string, Field>;
}
