import { Component, computed, input } from '@angular/core';
import { EVEN_ODD_ICONS, MENU_ICONS } from './menu-icons';

/**
 * One of the menu's icons (menu-icons.ts), inline, sized and coloured like NG-ZORRO's `nz-icon`
 * (class `anticon`); decorative: the text beside it, or its button's label, names it.
 */
@Component({
  selector: 'app-svg-icon',
  host: { class: 'anticon', 'aria-hidden': 'true' },
  template: `
    <svg
      viewBox="64 64 896 896"
      width="1em"
      height="1em"
      fill="currentColor"
      focusable="false"
      [attr.fill-rule]="evenOdd() ? 'evenodd' : null"
    >
      @for (d of paths(); track $index) {
        <path [attr.d]="d" />
      }
    </svg>
  `,
})
export class SvgIcon {
  readonly name = input.required<string>();
  protected readonly paths = computed(() => MENU_ICONS[this.name()] ?? []);
  protected readonly evenOdd = computed(() => EVEN_ODD_ICONS.has(this.name()));
}
