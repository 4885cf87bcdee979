import type { IdentityDto } from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';
import type { ReferenceData } from '../shared/reference-data';

/** One identity field an identity change asks to change: the verified value and the asked-for one. */
export interface IdentityFieldChange {
  label: I18nKey;
  current: string;
  proposed: string;
}

const IDENTITY_LABELS = {
  name: 'org.name',
  legalRepresentative: 'org.legalRepresentative',
  creditCode: 'org.creditCode',
  categoryCodes: 'org.categories',
} as const satisfies Record<keyof IdentityDto, I18nKey>;

/**
 * Only the identity fields (name, legal representative, credit code, categories) an identity change asks
 * to change, each as shown: categories by name, no credit code as "—".
 */
export function identityDiff(
  current: IdentityDto,
  proposed: IdentityDto,
  ref: ReferenceData,
): IdentityFieldChange[] {
  const show = (o: IdentityDto): Record<keyof IdentityDto, string> => ({
    name: o.name,
    legalRepresentative: o.legalRepresentative,
    creditCode: o.creditCode ?? '—',
    categoryCodes: o.categoryCodes.map((c) => ref.categoryName(c)).join('、'),
  });
  const was = show(current);
  const asked = show(proposed);
  return (Object.keys(IDENTITY_LABELS) as (keyof IdentityDto)[])
    .filter((k) => was[k] !== asked[k])
    .map((k) => ({ label: IDENTITY_LABELS[k], current: was[k], proposed: asked[k] }));
}
