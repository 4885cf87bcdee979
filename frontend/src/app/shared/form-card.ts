import { ChangeDetectionStrategy, Component, input, output, type Signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import type { Field } from './form-fields';
import { FORM_CARDS } from './form-cards';
import { FormSubmit } from './form-submit';

/**
 * A form that stands in its own card (open a consultation, schedule a meeting…): the heading, the
 * fields, anything projected after them, then the submit with the action's failure. Test ids:
 * `<name>-form`, `<name>-submit` (unless `submitTestId`) and `<name>-error`.
 */
@Component({
  selector: 'app-form-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_CARDS, FormSubmit],
  template: `
    <nz-card [nzTitle]="heading()">
      <form
        nz-form
        nzLayout="vertical"
        [formGroup]="form()"
        (ngSubmit)="submitted.emit()"
        [attr.data-testid]="name() + '-form'"
      >
        <app-form-fields [form]="form()" [fields]="fields()" />
        <ng-content />
        <app-form-submit
          [label]="submitLabel()"
          [testId]="submitTestId() ?? name() + '-submit'"
          [busy]="action().busy()"
          [error]="action().error()"
          [errorTestId]="name() + '-error'"
        />
      </form>
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class FormCard {
  /** The prefix of the test ids. */
  readonly name = input.required<string>();
  readonly heading = input.required<string>();
  readonly form = input.required<FormGroup>();
  readonly fields = input.required<readonly Field[]>();
  readonly submitLabel = input.required<string>();
  readonly submitTestId = input<string>();
  /** What runs the submit: busy while it does, and its failure (an `action()`). */
  readonly action = input.required<{ busy: Signal<boolean>; error: Signal<string | null> }>();
  readonly submitted = output<void>();
}
