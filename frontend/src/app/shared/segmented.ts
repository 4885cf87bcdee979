import { Component, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import type { Choice } from './choice-select';

/**
 * A list's tabs (its status, its filter) as native radios in a group, drawn as solid buttons: what
 * the segmented control drew, without its invalid ARIA. `testId` goes on the group.
 */
@Component({
  selector: 'app-segmented',
  imports: [FormsModule, NzRadioModule],
  template: `
    <nz-radio-group nzButtonStyle="solid" [attr.data-testid]="testId()" [(ngModel)]="value">
      @for (c of choices(); track c.value) {
        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
        <label nz-radio-button [nzValue]="c.value">{{ c.label }}</label>
      }
    </nz-radio-group>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class Segmented<T = string> {
  readonly value = model.required<T>();
  readonly choices = input.required<readonly Choice<T>[]>();
  readonly testId = input.required<string>();
}
