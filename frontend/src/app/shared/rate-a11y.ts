import { DestroyRef, Directive, ElementRef, afterNextRender, inject, input } from '@angular/core';
import { NgControl } from '@angular/forms';

/**
 * An editable nz-rate that keyboard and screen-reader users can operate. NG-ZORRO's focusable star
 * list has no role or name, and it cancels every key it receives, Tab included, which would trap
 * keyboard users inside it. Here the list is a slider named by the element `appRateA11y` points to
 * (the arrow keys change the score, as NG-ZORRO handles them), and Tab leaves it as usual.
 */
@Directive({ selector: 'nz-rate[appRateA11y]' })
export class RateA11y {
  /** The id of the element whose text names the score. */
  readonly labelledBy = input.required<string>({ alias: 'appRateA11y' });

  constructor() {
    const host: HTMLElement = inject(ElementRef).nativeElement;
    const control = inject(NgControl, { self: true, optional: true });
    const destroy = inject(DestroyRef);
    // A capture listener on the host runs before the list's own handler; stopping Tab here keeps
    // it from being cancelled, so the browser moves the focus on.
    const letTabThrough = (e: KeyboardEvent) => {
      if (e.key === 'Tab') e.stopPropagation();
    };
    host.addEventListener('keydown', letTabThrough, true);
    destroy.onDestroy(() => host.removeEventListener('keydown', letTabThrough, true));

    afterNextRender(() => {
      const list = host.querySelector('ul.ant-rate');
      if (!list) return;
      list.setAttribute('role', 'slider');
      list.setAttribute('aria-labelledby', this.labelledBy());
      list.setAttribute('aria-valuemin', '0');
      list.setAttribute('aria-valuemax', '5');
      const show = (value: unknown) => list.setAttribute('aria-valuenow', String(Number(value) || 0));
      show(control?.value);
      const changes = control?.valueChanges?.subscribe(show);
      destroy.onDestroy(() => changes?.unsubscribe());
    });
  }
}
