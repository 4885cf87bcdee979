import { Component, computed, inject, input, output } from '@angular/core';
import { type FormControl, type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { I18n } from '../i18n/i18n.service';
import { FormActions } from './form-actions';
import { FormRow } from './form-row';
import { type ReasonKind, reasonRule } from './reason-rules';

/**
 * The inline "return / reject with a reason" form of the approval lists: a required reason and a
 * cancel and a confirm button. The page owns the form group (`reasonForm(kind)` gives it the API's
 * limits; the page resets and submits it); test ids are `<testId>-reason` and `<testId>-confirm`, and
 * the reason's id is `<testId>-reason` too unless `fieldId` (several forms on a page).
 */
@Component({
  selector: 'app-reason-form',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, FormActions, FormRow],
  template: `
    <form nz-form nzLayout="vertical" [formGroup]="form()" (ngSubmit)="submitted.emit()">
      <app-form-row [label]="label()" [for]="id()" required [error]="ruleText()">
        <textarea
          nz-input
          rows="2"
          [id]="id()"
          formControlName="reason"
          [attr.data-testid]="testId() + '-reason'"
        ></textarea>
      </app-form-row>
      <app-form-actions
        [submitLabel]="submitLabel()"
        [submitTestId]="testId() + '-confirm'"
        [busy]="busy()"
        danger
        (cancelled)="dismissed.emit()"
      />
    </form>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 8px;
    }
  `,
})
export class ReasonForm {
  protected readonly t = inject(I18n).t;
  readonly form = input.required<FormGroup<{ reason: FormControl<string> }>>();
  readonly fieldId = input<string>();
  protected readonly id = computed(() => this.fieldId() ?? this.testId() + '-reason');
  readonly label = input.required<string>();
  /** The kind of reason: its limits (REASON_RULES) are said when the reason breaks them. */
  readonly kind = input<ReasonKind>();
  /** What the reason must be, for a reason without a kind in REASON_RULES. */
  readonly rule = input<string>();
  protected readonly ruleText = computed(() => {
    const kind = this.kind();
    return kind ? reasonRule(kind, this.t) : (this.rule() ?? '');
  });
  readonly submitLabel = input.required<string>();
  readonly busy = input(false);
  readonly testId = input.required<string>();
  readonly submitted = output<void>();
  readonly dismissed = output<void>();
}
