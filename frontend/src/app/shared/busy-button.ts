import { booleanAttribute, Component, input, output } from '@angular/core';
import { NzButtonModule, type NzButtonType } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';

/**
 * A button that runs one step of a page outside any form (download a file, upload one, a template):
 * its icon before its text, busy while the step runs (`busy`: the page's `action()`, or its
 * `busyFor(key)` for one item), small and red if asked. The page runs the step on `pressed`. It stands in the page's layout
 * as the button itself would (a flex row's item).
 */
@Component({
  selector: 'app-busy-button',
  imports: [NzButtonModule, NzIconModule],
  template: `
    <button
      nz-button
      [nzType]="kind()"
      [nzSize]="small() ? 'small' : 'default'"
      [nzDanger]="danger()"
      type="button"
      [nzLoading]="busy()"
      [disabled]="disabled()"
      [attr.data-testid]="testId() ?? null"
      (click)="pressed.emit()"
    >
      @if (icon(); as icon) {
        <nz-icon [nzType]="icon" />
      }
      {{ label() }}
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class BusyButton {
  readonly label = input.required<string>();
  readonly testId = input<string>();
  readonly busy = input(false);
  /** Not to be pressed now (what it needs is missing). */
  readonly disabled = input(false);
  /** A small button (in a list item's row of actions). */
  readonly small = input(false, { transform: booleanAttribute });
  /** A step that reports or takes away, drawn red. */
  readonly danger = input(false, { transform: booleanAttribute });
  /** The ng-zorro icon before the text, if any. */
  readonly icon = input<string>();
  /** `primary`, `link`…; the default button without. */
  readonly kind = input<NzButtonType>(null);
  readonly pressed = output<void>();
}
