import { Component, booleanAttribute, forwardRef, input, signal } from '@angular/core';
import { ControlContainer, ControlValueAccessor, FormsModule, NG_VALUE_ACCESSOR } from '@angular/forms';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { isoDate, localDateTime, parseLocal } from './dates';

/**
 * A date (or date and time, `time`) picked in NG-ZORRO's picker, in the user's language and
 * written `yyyy-MM-dd` whatever the browser's locale, for a form control that holds the local text
 * the API helpers take: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss` with `time`; '' when empty. The
 * picker's input gets `inputId`, for the form label. Needs `provideDatePickers()` on its route.
 */
@Component({
  selector: 'app-date-input',
  imports: [FormsModule, NzDatePickerModule],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DateInput), multi: true }],
  // The picker's own inputs (its time panel's ngModel) are not the page form's controls: without a
  // form above them they stay out of it, and Angular has no form to warn about (NG01354).
  viewProviders: [{ provide: ControlContainer, useValue: null }],
  // Enter confirms the typed date (the picker acts on keyup), without submitting the form around it.
  host: { '(keydown.enter)': '$event.preventDefault()' },
  template: `
    <nz-date-picker
      [nzId]="inputId()"
      [nzShowTime]="time()"
      [nzFormat]="time() ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd'"
      [nzDisabled]="disabled()"
      [ngModel]="date()"
      [ngModelOptions]="{ standalone: true }"
      (ngModelChange)="picked($event)"
      (nzOnOpenChange)="$event || onTouched()"
    />
  `,
  styles: `
    :host,
    nz-date-picker {
      display: block;
      width: 100%;
    }
  `,
})
export class DateInput implements ControlValueAccessor {
  readonly inputId = input<string | null>(null);
  readonly time = input(false, { transform: booleanAttribute });

  protected readonly date = signal<Date | null>(null);
  protected readonly disabled = signal(false);
  private onChange: (value: string) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  writeValue(value: unknown): void {
    this.date.set(typeof value === 'string' ? parseLocal(value) : value instanceof Date ? value : null);
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  protected picked(value: Date | null): void {
    this.date.set(value);
    this.onChange(value ? (this.time() ? localDateTime(value) : isoDate(value)) : '');
    this.onTouched();
  }
}
