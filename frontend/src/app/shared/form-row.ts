import { booleanAttribute, Component, contentChild, input } from '@angular/core';
import { type AbstractControl, NgControl } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';

/**
 * One row of a form: the label, the control (projected) and what is wrong with it, i.e. NG-ZORRO's
 * nz-form-item / nz-form-label / nz-form-control. The control's state is handed to nz-form-control
 * explicitly: a projected control is not the content nz-form-control would find by itself.
 */
@Component({
  selector: 'app-form-row',
  imports: [NzFormModule],
  template: `
    <nz-form-item>
      <nz-form-label [nzRequired]="required()" [nzFor]="for()">{{ label() }}</nz-form-label>
      <nz-form-control
        [nzValidateStatus]="state() ?? control() ?? ''"
        [nzErrorTip]="error()"
        [nzExtra]="extra()"
      >
        <ng-content />
      </nz-form-control>
    </nz-form-item>
  `,
  styles: `
    /* The row lays out as the form's own item (vertical, horizontal or inline). */
    :host {
      display: contents;
    }
    /* A select in NG-ZORRO's own form item takes the row's width (ant-select-in-form-item, set when
       it finds the item's status service); projected here it finds none, and a long choice widened
       the page on a phone. */
    :host ::ng-deep .ant-select {
      width: 100%;
    }
  `,
})
export class FormRow {
  readonly label = input.required<string>();
  /** The id of the control, which the label names. */
  readonly for = input<string>();
  readonly required = input(false, { transform: booleanAttribute });
  /** Shown while the control is invalid. */
  readonly error = input<string>();
  /** Help under the control. */
  readonly extra = input<string>();
  /** The control, when it is not projected here itself (drawn later, as a deferred select). */
  readonly state = input<AbstractControl>();
  protected readonly control = contentChild(NgControl, { descendants: true });
}
