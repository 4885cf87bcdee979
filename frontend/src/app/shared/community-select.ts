import type { Choice } from './choice-select';
import type { Field } from './form-fields';
import type { ReferenceData } from './reference-data';
import type { Words } from './words';

/** Every community as a select's options, grouped under its street. */
export const communityGroups = (ref: ReferenceData) =>
  ref.streetGroups().map((g) => ({
    label: g.street.name,
    options: g.communities.map((c) => ({ value: c.id, label: c.name })),
  }));

/** The communities (of one street, else all) as choices, each under its street's name. */
export const communityChoices = (ref: ReferenceData, streetId?: string | null): Choice[] =>
  ref
    .streetGroups()
    .filter((g) => !streetId || g.street.id === streetId)
    .flatMap((g) => g.communities.map((c) => ({ value: c.id, label: c.name, group: g.street.name })));

/**
 * The required, searchable select of one community among all, by street (the one to join, the one
 * whose fund a gift goes to): the form's `communityId`; its id is its test id too.
 */
export const communitySelect = (ref: ReferenceData, id: string, label: Words): Field => ({
  name: 'communityId',
  id,
  label,
  kind: 'select',
  showSearch: true,
  groups: () => communityGroups(ref),
  placeholder: 'form.choose',
  required: true,
  rule: 'form.required',
  testId: id,
});
