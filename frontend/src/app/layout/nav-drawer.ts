import { Component, ElementRef, afterRenderEffect, inject, input, output, viewChild } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import { NavMenu } from './nav-menu';
import { SvgIcon } from './svg-icon';

/**
 * The phone's menu: the side menu in a panel over the page, drawn with NG-ZORRO's drawer classes
 * (its stylesheet zorro-pages) without its code. A modal dialog: the focus moves in, Tab stays in,
 * Escape, the close button, the backdrop or an entry closes it, and the focus goes back where it
 * was (the menu button). The shell loads it when the menu is first opened.
 */
@Component({
  selector: 'app-nav-drawer',
  imports: [NavMenu, SvgIcon],
  // A click on the backdrop closes it (the keyboard has Escape and the close button).
  host: { '(click)': 'onClick($event)' },
  template: `
    @if (open()) {
      <div class="ant-drawer ant-drawer-left ant-drawer-open">
        <div class="ant-drawer-mask"></div>
        <div
          #panel
          class="ant-drawer-content-wrapper"
          role="dialog"
          aria-modal="true"
          aria-labelledby="nav-drawer-title"
          (keydown)="onKeydown($event)"
        >
          <div class="ant-drawer-content">
            <div class="ant-drawer-wrapper-body">
              <div class="ant-drawer-header">
                <div class="ant-drawer-header-title">
                  <button
                    #close
                    type="button"
                    class="ant-drawer-close"
                    data-testid="menu-close"
                    [attr.aria-label]="t('menu.close')"
                    (click)="closed.emit()"
                  >
                    <app-svg-icon name="close" />
                  </button>
                  <div class="ant-drawer-title" id="nav-drawer-title">{{ t('app.title') }}</div>
                </div>
              </div>
              <div class="ant-drawer-body">
                <app-nav-menu (picked)="closed.emit()" />
              </div>
            </div>
          </div>
        </div>
      </div>
    }
  `,
  styles: `
    .ant-drawer-content-wrapper {
      width: 240px;
    }
    .ant-drawer-body {
      padding: 0;
    }
  `,
})
export class NavDrawer {
  protected readonly t = inject(I18n).t;
  readonly open = input(false);
  readonly closed = output<void>();

  private readonly panel = viewChild<ElementRef<HTMLElement>>('panel');
  private readonly closeButton = viewChild<ElementRef<HTMLButtonElement>>('close');
  /** What had the focus when the drawer opened, to give it back when it closes. */
  private returnFocus: HTMLElement | null = null;

  constructor() {
    afterRenderEffect(() => {
      const button = this.closeButton()?.nativeElement;
      if (button) {
        this.returnFocus ??= document.activeElement as HTMLElement | null;
        button.focus();
      } else if (this.returnFocus) {
        // Closed: back to the menu button, unless the focus has moved on (an entry's page took it).
        if (!document.activeElement || document.activeElement === document.body) this.returnFocus.focus();
        this.returnFocus = null;
      }
    });
  }

  protected onClick(event: MouseEvent): void {
    if ((event.target as Element).classList.contains('ant-drawer-mask')) this.closed.emit();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.closed.emit();
    } else if (event.key === 'Tab') this.keepFocusIn(event);
  }

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
  private keepFocusIn(event: KeyboardEvent): void {
    const panel = this.panel()?.nativeElement;
    if (!panel) return;
    const controls = [...panel.querySelectorAll<HTMLElement>('a[href], button:not([disabled])')];
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }
}
