import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  contentChild,
  inject,
  input,
  output,
  type Signal,
} from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { ErrorAlert } from './error-alert';
import type { Field } from './form-fields';
import { FORM_CARDS } from './form-cards';
import { FormSubmit } from './form-submit';

/** The card's submit, placed by the page among its projected fields (beside the last one). */
@Component({
  selector: 'app-form-card-submit',
  changeDetection: ChangeDetectionStrategy.OnPush,
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
 * A form that stands in its own card (open a consultation, schedule a meeting…): the heading, the
 * fields (`grid`: side by side in columns), anything projected after them (or instead of them), then
 * the submit with the action's failure; what is projected with `aboveForm` stands in the card above
 * the form (what the form edits). `errorAbove` shows the failure above the fields instead,
 * `narrowSubmit` keeps the submit to its text's width, and an `app-form-card-submit` projected
 * among the fields (beside a field) takes the place of the submit at the foot. Test ids:
 * `<name>-form` (unless `formTestId`), `<name>-submit` (unless `submitTestId`) and `<name>-error`.
 */
@Component({
  selector: 'app-form-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_CARDS, FormSubmit, ErrorAlert],
  template: `
    <nz-card [nzTitle]="heading()">
      <ng-content select="[aboveForm]" />
      <form
        nz-form
        nzLayout="vertical"
        [formGroup]="form()"
        (ngSubmit)="submitted.emit()"
        [attr.data-testid]="formTestId() ?? name() + '-form'"
      >
        @if (errorAbove()) {
          <app-error-alert [message]="action().error()" [testId]="name() + '-error'" />
        }
        <div [class.grid]="grid()">
          <app-form-fields [form]="form()" [fields]="fields()" />
        </div>
        <ng-content />
        @if (!submitBeside()) {
          <app-form-submit
            [label]="submitLabel()"
            [testId]="submitTestIdOrName()"
            [busy]="action().busy()"
            [error]="errorAbove() ? null : action().error()"
            [errorTestId]="name() + '-error'"
            [block]="!narrowSubmit()"
          />
        }
      </form>
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 0 12px;
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
  readonly action = input.required<{ busy: Signal<boolean>; error: Signal<string | null> }>();
  readonly submitted = output<void>();

  protected readonly submitBeside = contentChild(FormCardSubmit);

  submitTestIdOrName(): string {
    return this.submitTestId() ?? this.name() + '-submit';
  }
}
