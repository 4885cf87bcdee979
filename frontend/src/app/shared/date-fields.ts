import { Component, inject, input } from '@angular/core';
import { type AbstractControl, type FormControl, ReactiveFormsModule } from '@angular/forms';
import { I18n } from '../i18n/i18n.service';
import { DateInput } from './date-input';
import type { Field } from './form-fields';
import { FormRow } from './form-row';
import { fieldError, type Words, wordsIn } from './words';

/** A date row: a `Field` whose control holds a date (`time`: a date and time) as `DateInput` writes it. */
export type DateField = Pick<
  Field,
  'name' | 'id' | 'label' | 'required' | 'rule' | 'errors' | 'errorText' | 'help' | 'testId'
> & {
  time?: boolean;
};

/**
 * The date rows of a form from a list of fields, as `app-form-fields` draws the other kinds (apart,
 * so that only the pages with dates load the picker), with what is wrong as it says it (the
 * server's refusal first, then `errorText`, `errors`, `rule`). Needs `provideDatePickers()` on its route.
 */
@Component({
  selector: 'app-date-fields',
  imports: [ReactiveFormsModule, DateInput, FormRow],
  template: `
    @for (f of fields(); track f.name) {
      <app-form-row
        [label]="words(f.label)!"
        [for]="f.id"
        [required]="!!f.required"
        [error]="error(f)"
        [extra]="words(f.help)"
      >
        <app-date-input
          [inputId]="f.id"
          [time]="!!f.time"
          [formControl]="control(f.name)"
          [attr.data-testid]="f.testId ?? null"
        />
      </app-form-row>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class DateFields {
  private readonly t = inject(I18n).t;
  readonly form = input.required<{ get(name: string): AbstractControl | null }>();
  readonly fields = input.required<readonly DateField[]>();

  protected control(name: string): FormControl {
    return this.form().get(name) as FormControl;
  }

  protected error(f: DateField): string | undefined {
    return fieldError(this.t, f, this.control(f.name));
  }

  protected words(w: Words | undefined): string | undefined {
    return wordsIn(this.t, w);
  }
}
