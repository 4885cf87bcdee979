import type { BidDto, ResultRowDto, TenderDto } from '../api/models';
import type { I18n } from '../i18n/i18n.service';
import type { Consequence } from '../shared/confirm';
import { formatFen } from '../shared/money';

type Translate = I18n['t'];

/** Before publishing: the tender's title and budget ceiling, and that publishing cannot be undone. */
export const publishConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title' | 'budgetCeilingFen'>,
): Consequence => ({
  title: t('confirm.publish.title'),
  facts: [
    { label: t('confirm.fact.tender'), value: tender.title },
    { label: t('confirm.fact.budget'), value: formatFen(tender.budgetCeilingFen) },
  ],
  consequence: t('confirm.publish.consequence'),
  ok: t('confirm.publish.ok'),
});

/** Before cancelling a tender: its title and the reason given, and that it cannot be reopened. */
export const cancelConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title'>,
  reason: string,
): Consequence => ({
  title: t('confirm.cancel.title'),
  facts: [
    { label: t('confirm.fact.tender'), value: tender.title },
    { label: t('confirm.fact.reason'), value: reason },
  ],
  consequence: t('confirm.cancel.consequence'),
  ok: t('confirm.cancel.ok'),
  danger: true,
});

/**
 * Before awarding: the tender and the bid ranked first (the server awards it), and that the
 * standstill for complaints starts. Without a ranking yet, the tender alone.
 */
export const awardConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title'>,
  first: Pick<ResultRowDto, 'organizationName' | 'priceFen'> | null,
): Consequence => ({
  title: t('confirm.award.title'),
  facts: [
    { label: t('confirm.fact.tender'), value: tender.title },
    ...(first
      ? [
          { label: t('confirm.fact.organization'), value: first.organizationName },
          { label: t('confirm.fact.price'), value: formatFen(first.priceFen) },
        ]
      : []),
  ],
  consequence: t('confirm.award.consequence'),
  ok: t('confirm.award.ok'),
});

/** Before withdrawing a bid: the tender and the price offered, and that the bid cannot be restored. */
export const withdrawConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title'> | null,
  bid: Pick<BidDto, 'priceFen'>,
): Consequence => ({
  title: t('confirm.withdraw.title'),
  facts: [
    ...(tender ? [{ label: t('confirm.fact.tender'), value: tender.title }] : []),
    { label: t('confirm.fact.price'), value: formatFen(bid.priceFen) },
  ],
  consequence: t('confirm.withdraw.consequence'),
  ok: t('confirm.withdraw.ok'),
  danger: true,
});
