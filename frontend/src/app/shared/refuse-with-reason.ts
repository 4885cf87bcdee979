import type { I18nKey } from '../i18n/zh-CN';
import type { Decision } from './decision';

/**
 * Refuses a list's item with the reason typed in its `app-decision` row: nothing is sent while the
 * reason breaks its rule (its faults shown), else the call runs as `decide` runs it (busy per item,
 * the failure in a toast, `success` said). True once it is done.
 */
export async function refuseWithReason(
  decision: Decision,
  item: string,
  call: (reason: string) => Promise<unknown>,
  success: I18nKey,
): Promise<boolean> {
  const reason = decision.reason();
  return reason !== null && decision.decide(item, () => call(reason), success);
}
