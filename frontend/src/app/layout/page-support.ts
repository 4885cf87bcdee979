import type { Injector } from '@angular/core';
import { NzIconService } from 'ng-zorro-antd/icon';
import { APP_ICONS } from '../app.icons';
import { I18n } from '../i18n/i18n.service';
import { zorroLocaleSetter } from '../i18n/zorro-locale';

/**
 * What every page needs of NG-ZORRO besides its components: the app's icons and NG-ZORRO's strings
 * in the current language. Loaded with the first page (shell-icons.ts), not in the first load.
 */
export function setUpPages(injector: Injector): void {
  injector.get(NzIconService).addIcon(...APP_ICONS);
  injector.get(I18n).useZorroLocale(zorroLocaleSetter(injector));
}
