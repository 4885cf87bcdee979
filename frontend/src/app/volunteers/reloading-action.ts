import type { I18nKey } from '../i18n/zh-CN';
import type { Action } from '../shared/run-action';

/**
 * A page's actions that change what it shows: each runs (busy under its key), then the page reads
 * its lists again and says it worked, or shows why not.
 */
export const reloadingAction =
  (action: Action, reload: () => Promise<unknown>) =>
  async (key: string, done: I18nKey, call: () => Promise<unknown>): Promise<void> => {
    await action.run(
      async () => {
        await call();
        await reload();
      },
      { key, notice: done },
    );
  };
