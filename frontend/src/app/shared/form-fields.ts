import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { type AbstractControl, type FormControl, ReactiveFormsModule } from '@angular/forms';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { I18n } from '../i18n/i18n.service';
import { FormRow } from './form-row';
import { type Words, wordsIn } from './words';

export type { Words } from './words';

export interface FieldOption {
  value: unknown;
  label: string;
}

/**
 * One row of a form declared as data: the control's name in the form group, its input's id (the
 * label names it), its label, what it must be (shown while invalid) and its help. `testId` goes on
 * the input (on the select for a select).
 */
export interface Field {
  name: string;
  id: string;
  label: Words;
  /** Written after the label (" %"). */
  labelSuffix?: string;
  /**
   * text (default); textarea; number (a whole number unless `step`); money (yuan typed as text,
   * after "¥"); decimal (a number typed as text); email; datetime (local, to the second); select
   * (`options`, or `groups` of them).
   */
  kind?: 'text' | 'textarea' | 'number' | 'money' | 'decimal' | 'email' | 'datetime' | 'select';
  required?: boolean;
  rule?: Words;
  help?: Words;
  testId?: string;
  placeholder?: Words;
  /** A textarea's height. */
  rows?: number;
  min?: number;
  max?: number;
  step?: number;
  options?: () => readonly FieldOption[];
  groups?: () => readonly { label: string; options: readonly FieldOption[] }[];
  multiple?: boolean;
  allowClear?: boolean;
  showSearch?: boolean;
  /** The row is shown only while this holds (the control keeps its value meanwhile). */
  when?: () => boolean;
  /** Takes the spare width of a row of fields (`app-form-row-list`). */
  grow?: boolean;
}

/**
 * The rows of a form from a list of fields (`Field`), each an `app-form-row` with its control, so
 * pages declare their forms instead of writing the same label/control/error markup again. Stands
 * in the page's `<form nz-form [formGroup]>` (or any layout of it: a grid around it places its rows).
 * `idSuffix` follows each id (rows of a list: `-0`, `-1`…). Dates and category trees, which bring
 * their own pickers, stay `app-form-row`s of the pages that have them.
 */
@Component({
  selector: 'app-form-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NzInputModule, NzSelectModule, FormRow],
  template: `
    @for (f of fields(); track f.name) {
      @if (!f.when || f.when()) {
        @let id = f.id + idSuffix();
        @let c = control(f.name);
        <app-form-row
          [class.grow]="f.grow"
          [label]="words(f.label) + (f.labelSuffix ?? '')"
          [for]="id"
          [required]="!!f.required"
          [error]="words(f.rule)"
          [extra]="words(f.help)"
        >
          @switch (f.kind) {
            @case ('textarea') {
              <textarea
                nz-input
                [id]="id"
                [rows]="f.rows ?? 3"
                [formControl]="c"
                [attr.data-testid]="f.testId ?? null"
              ></textarea>
            }
            @case ('number') {
              <input
                nz-input
                type="number"
                [id]="id"
                [min]="f.min ?? null"
                [max]="f.max ?? null"
                [step]="f.step ?? 1"
                [formControl]="c"
                [attr.data-testid]="f.testId ?? null"
              />
            }
            @case ('datetime') {
              <input
                nz-input
                type="datetime-local"
                step="1"
                [id]="id"
                [formControl]="c"
                [attr.data-testid]="f.testId ?? null"
              />
            }
            @case ('money') {
              <nz-input-wrapper>
                <span nzInputPrefix>¥</span>
                <input
                  nz-input
                  inputmode="decimal"
                  [id]="id"
                  [placeholder]="words(f.placeholder) ?? ''"
                  [formControl]="c"
                  [attr.data-testid]="f.testId ?? null"
                />
              </nz-input-wrapper>
            }
            @case ('select') {
              <nz-select
                [nzId]="id"
                [nzMode]="f.multiple ? 'multiple' : 'default'"
                [nzAllowClear]="!!f.allowClear"
                [nzShowSearch]="!!f.showSearch"
                [nzPlaceHolder]="words(f.placeholder) ?? ''"
                [formControl]="c"
                [attr.data-testid]="f.testId ?? null"
              >
                @if (f.groups) {
                  @for (g of f.groups(); track g.label) {
                    <nz-option-group [nzLabel]="g.label">
                      @for (o of g.options; track o.value) {
                        <nz-option [nzValue]="o.value" [nzLabel]="o.label" />
                      }
                    </nz-option-group>
                  }
                }
                @for (o of f.options?.() ?? []; track o.value) {
                  <nz-option [nzValue]="o.value" [nzLabel]="o.label" />
                }
              </nz-select>
            }
            @default {
              <input
                nz-input
                [id]="id"
                [type]="f.kind === 'email' ? 'email' : 'text'"
                [attr.inputmode]="f.kind === 'email' ? 'email' : f.kind === 'decimal' ? 'decimal' : null"
                [placeholder]="words(f.placeholder) ?? ''"
                [formControl]="c"
                [attr.data-testid]="f.testId ?? null"
              />
            }
          }
        </app-form-row>
      }
    }
  `,
  styles: `
    /* Its rows lay out as the form's own (or as the grid around them). */
    :host {
      display: contents;
    }
  `,
})
export class FormFields {
  private readonly t = inject(I18n).t;
  /** The form group whose controls the fields name. */
  readonly form = input.required<{ get(name: string): AbstractControl | null }>();
  readonly fields = input.required<readonly Field[]>();
  readonly idSuffix = input('');

  protected control(name: string): FormControl {
    const control = this.form().get(name);
    if (!control) throw new Error(`app-form-fields: the form has no control "${name}"`);
    return control as FormControl;
  }

  protected words(w: Words | undefined): string | undefined {
    return wordsIn(this.t, w);
  }
}
