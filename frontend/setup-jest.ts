import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { enUS } from './src/app/i18n/en-US';
import { addDictionary } from './src/app/i18n/i18n.service';
import { zhCN } from './src/app/i18n/zh-CN';

setupZonelessTestEnv();

// The app fetches the pages' strings and English when first needed; the specs have them at once.
addDictionary('zh-CN', zhCN);
addDictionary('en-US', enUS);

// jsdom has no matchMedia; NG-ZORRO and the layout's phone query (layout/viewport.ts) ask it for breakpoints.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList,
});

// jsdom lays nothing out, so elements have no scrollTo; NG-ZORRO's select scrolls its open
// option list to the chosen option a tick after opening, which threw "el.scrollTo is not a
// function" whenever that tick landed inside a test.
Element.prototype.scrollTo = function scrollTo(): void {
  // nothing to scroll in jsdom
};
