import type { BidDto, ResultRowDto, TenderDto } from '../api/models';
import type { I18n } from '../i18n/i18n.service';
import type { ConfirmFact, Consequence } from '../shared/confirm';
import { formatFen } from '../shared/money';

type Translate = I18n['t'];
type Step = 'publish' | 'cancel' | 'award' | 'withdraw';
type FactName = 'tender' | 'budget' | 'reason' | 'organization' | 'price';

/** A confirmation's words for `step` (its title, what follows, the confirming button) and its facts. */
const confirmation = (t: Translate, step: Step, facts: ConfirmFact[], danger?: true): Consequence => ({
  title: t(`confirm.${step}.title`),
  facts,
  consequence: t(`confirm.${step}.consequence`),
  ok: t(`confirm.${step}.ok`),
  ...(danger ? { danger } : {}),
});

/** A fact named in the confirmation's words. */
const fact = (t: Translate, name: FactName, value: string): ConfirmFact => ({
  label: t(`confirm.fact.${name}`),
  value,
});

/** Before publishing: the tender's title and budget ceiling, and that publishing cannot be undone. */
export const publishConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title' | 'budgetCeilingFen'>,
): Consequence =>
  confirmation(t, 'publish', [
    fact(t, 'tender', tender.title),
    fact(t, 'budget', formatFen(tender.budgetCeilingFen)),
  ]);

/** Before cancelling a tender: its title and the reason given, and that it cannot be reopened. */
export const cancelConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title'>,
  reason: string,
): Consequence =>
  confirmation(t, 'cancel', [fact(t, 'tender', tender.title), fact(t, 'reason', reason)], true);

/**
 * Before awarding: the tender and the bid ranked first (the server awards it), and that the
 * standstill for complaints starts. Without a ranking yet, the tender alone.
 */
export const awardConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title'>,
  first: Pick<ResultRowDto, 'organizationName' | 'priceFen'> | null,
): Consequence =>
  confirmation(t, 'award', [
    fact(t, 'tender', tender.title),
    ...(first
      ? [fact(t, 'organization', first.organizationName), fact(t, 'price', formatFen(first.priceFen))]
      : []),
  ]);

/** Before withdrawing a bid: the tender and the price offered, and that the bid cannot be restored. */
export const withdrawConsequence = (
  t: Translate,
  tender: Pick<TenderDto, 'title'> | null,
  bid: Pick<BidDto, 'priceFen'>,
): Consequence =>
  confirmation(
    t,
    'withdraw',
    [...(tender ? [fact(t, 'tender', tender.title)] : []), fact(t, 'price', formatFen(bid.priceFen))],
    true,
  );
