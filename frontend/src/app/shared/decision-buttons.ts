import { booleanAttribute, Component, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';

/**
 * A yes-or-no decision on one item (approve or reject, accept or decline, uphold or dismiss): the
 * yes button busy while the decision runs, the no button disabled meanwhile. `decided` says which.
 * The buttons stand in the row around them.
 */
@Component({
  selector: 'app-decision-buttons',
  imports: [NzButtonModule],
  template: `
    <button
      nz-button
      [nzType]="dangerousYes() ? null : 'primary'"
      [nzDanger]="dangerousYes()"
      type="button"
      [nzLoading]="busy()"
      (click)="decided.emit(true)"
      [attr.data-testid]="yesTestId() ?? null"
    >
      {{ yes() }}
    </button>
    <button
      nz-button
      type="button"
      [nzDanger]="dangerousNo()"
      [disabled]="busy()"
      (click)="decided.emit(false)"
      [attr.data-testid]="noTestId() ?? null"
    >
      {{ no() }}
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class DecisionButtons {
  readonly yes = input.required<string>();
  readonly no = input.required<string>();
  readonly busy = input(false);
  /** A no that refuses or takes back (reject, dismiss), drawn red. */
  readonly dangerousNo = input(false, { transform: booleanAttribute });
  /** A yes that hides or takes away (keep a comment hidden), drawn red in place of primary. */
  readonly dangerousYes = input(false, { transform: booleanAttribute });
  readonly yesTestId = input<string>();
  readonly noTestId = input<string>();
  readonly decided = output<boolean>();
}
