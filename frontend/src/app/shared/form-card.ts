import { booleanAttribute, Component, contentChild, inject, input, output } from '@angular/core';
import { type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { ErrorAlert } from './error-alert';
import { type Field, FormFields } from './form-fields';
import { FormSubmit } from './form-submit';
import type { ActionState } from './run-action';

/**
 * A form of declared fields and its submit, standing among other things (in a card of the page):
 * the fields (`grid`: side by side in columns), anything projected after them (or instead of them),
 * then the submit with the failure. `errorAbove` shows the failure above the fields instead and
 * `narrowSubmit` keeps the submit to its text's width. Projected controls bind `[formControl]`:
 * the form group directive is this component's.
 */
@Component({
  selector: 'app-fields-form',
  imports: [ReactiveFormsModule, NzFormModule, FormFields, FormSubmit, ErrorAlert],
  template: `
    <form
      nz-form
      nzLayout="vertical"
      [formGroup]="form()"
      (ngSubmit)="submitted.emit()"
      [attr.data-testid]="formTestId() ?? null"
    >
      @if (errorAbove()) {
        <app-error-alert [message]="action().error()" [testId]="errorTestId()" />
      }
      <div [class.grid]="grid()">
        <app-form-fields [form]="form()" [fields]="fields()" />
      </div>
      <ng-content />
      @if (submitAtFoot()) {
        <app-form-submit
          [label]="submitLabel()"
          [testId]="submitTestId()"
          [action]="action()"
          [showError]="!errorAbove()"
          [errorTestId]="errorTestId()"
          [block]="!narrowSubmit()"
        />
      }
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 0 12px;
    }
  `,
})
export class FieldsForm {
  readonly form = input.required<FormGroup>();
  /** The declared fields; none when the page projects its own. */
  readonly fields = input<readonly Field[]>([]);
  readonly submitLabel = input.required<string>();
  readonly submitTestId = input.required<string>();
  readonly formTestId = input<string>();
  /**
   * What runs the submit: busy while it does, and its failure (an `action()`; `action.keyed(key)`
   * when the page's action runs it under a key and shows its failure elsewhere).
   */
  readonly action = input.required<ActionState>();
  readonly errorTestId = input<string>();
  readonly errorAbove = input(false, { transform: booleanAttribute });
  readonly narrowSubmit = input(false, { transform: booleanAttribute });
  readonly grid = input(false, { transform: booleanAttribute });
  /** False when the submit stands elsewhere (beside a field of a form card). */
  readonly submitAtFoot = input(true);
  readonly submitted = output<void>();
}

/** The card's submit, placed by the page among its projected fields (beside the last one). */
@Component({
  selector: 'app-form-card-submit',
  imports: [NzButtonModule],
  template: `
    <button
      nz-button
      nzType="primary"
      type="submit"
      [nzLoading]="card.action().busy()"
      [attr.data-testid]="card.submitTestIdOrName()"
    >
      {{ card.submitLabel() }}
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class FormCardSubmit {
  // Injected when the submit is made, by which time the card's class below is defined.
  protected readonly card = inject(FormCard);
}

/**
 * A form that stands in its own card (open a consultation, schedule a meeting…): the heading, then
 * an `app-fields-form` (its options `grid`, `errorAbove` and `narrowSubmit` are the card's too);
 * what is projected with `aboveForm` stands in the card above the form (what the form edits), and
 * an `app-form-card-submit` projected among the fields (beside a field) takes the place of the
 * submit at the foot. Test ids: `<name>-form` (unless `formTestId`), `<name>-submit` (unless
 * `submitTestId`) and `<name>-error`.
 */
@Component({
  selector: 'app-form-card',
  imports: [NzCardModule, FieldsForm],
  template: `
    <nz-card [nzTitle]="heading()">
      <ng-content select="[aboveForm]" />
      <app-fields-form
        [form]="form()"
        [fields]="fields()"
        [grid]="grid()"
        [errorAbove]="errorAbove()"
        [narrowSubmit]="narrowSubmit()"
        [submitAtFoot]="!submitBeside()"
        [submitLabel]="submitLabel()"
        [submitTestId]="submitTestIdOrName()"
        [formTestId]="formTestId() ?? name() + '-form'"
        [action]="action()"
        [errorTestId]="name() + '-error'"
        (submitted)="submitted.emit()"
      >
        <ng-content />
      </app-fields-form>
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
  /** The declared fields; none when the page projects its own. */
  readonly fields = input<readonly Field[]>([]);
  readonly submitLabel = input.required<string>();
  readonly submitTestId = input<string>();
  readonly formTestId = input<string>();
  readonly errorAbove = input(false, { transform: booleanAttribute });
  readonly narrowSubmit = input(false, { transform: booleanAttribute });
  readonly grid = input(false, { transform: booleanAttribute });
  /** What runs the submit: busy while it does, and its failure (an `action()`). */
  readonly action = input.required<ActionState>();
  readonly submitted = output<void>();

  protected readonly submitBeside = contentChild(FormCardSubmit);

  submitTestIdOrName(): string {
    return this.submitTestId() ?? this.name() + '-submit';
  }
}
