import { ChangeDetectorRef, Component, Directive, effect, inject, input } from '@angular/core';
import { AbstractControl, type FormControl, ReactiveFormsModule } from '@angular/forms';
import type { NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectComponent, type NzSelectOptionInterface } from 'ng-zorro-antd/select';
import { NzSwitchComponent } from 'ng-zorro-antd/switch';
import { NzTreeSelectComponent } from 'ng-zorro-antd/tree-select';
import { I18n } from '../i18n/i18n.service';
import { DateInput } from './date-input';
import { FormRow } from './form-row';
import { TreeSelectKeys } from './tree-select-keys';
import { fieldError, type Words, wordsIn } from './words';

export type { Words } from './words';

export interface FieldOption {
  value: unknown;
  label: string;
}

/**
 * One row of a form declared as data: the control's name in the form group, its input's id (the
 * label names it), its label, what it must be (shown while invalid) and its help. `testId` goes on
 * the input (on the select for a select). What is wrong: a refusal from the server (`ServerErrors`)
 * first, then `errorText`, then the first of `errors` (by validator key) the control holds, else `rule`.
 */
export interface Field {
  name: string;
  id: string;
  label: Words;
  /** Written after the label (" %"). */
  labelSuffix?: string;
  /**
   * text (default); textarea; number (a whole number unless `step`); money (yuan typed as text,
   * after "¥"); decimal (a number typed as text); email; password; tel; datetime (local, to the
   * second, in NG-ZORRO's picker); select (`options`, or `groups` of them); tree (`nodes`, the categories); switch.
   */
  kind?:
    | 'text'
    | 'textarea'
    | 'number'
    | 'money'
    | 'decimal'
    | 'email'
    | 'password'
    | 'tel'
    | 'datetime'
    | 'select'
    | 'tree'
    | 'switch';
  required?: boolean;
  rule?: Words;
  /** What is wrong by validator key (`{ required: … }`): the first the control's errors hold, before `rule`. */
  errors?: Readonly<Record<string, Words>>;
  /** What is wrong when it takes the page's own reasoning; before `errors` and `rule`. */
  errorText?: () => string;
  /** A one-line input's autocomplete and maxlength. */
  autocomplete?: string;
  maxlength?: number;
  /** An icon before a one-line input. */
  icon?: string;
  /** Typed in a fixed-width font (codes). */
  code?: boolean;
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
  /** A tree's nodes. */
  nodes?: () => NzTreeNodeOptions[];
  /** Several choices (select, tree). */
  multiple?: boolean;
  allowClear?: boolean;
  showSearch?: boolean;
  /** The row is shown only while this holds (the control keeps its value meanwhile). */
  when?: () => boolean;
  /** Takes the spare width of a row of fields (`app-form-row-list`). */
  grow?: boolean;
}

/** A one-line input's attributes, from its field. */
@Directive({
  selector: 'input[appFieldInput]',
  host: {
    '[type]': "f().kind === 'email' || f().kind === 'password' || f().kind === 'tel' ? f().kind : 'text'",
    '[attr.inputmode]': "f().kind === 'decimal' || f().kind === 'money' ? 'decimal' : null",
    '[attr.autocomplete]': 'f().autocomplete ?? null',
    '[attr.maxlength]': 'f().maxlength ?? null',
    '[class.code]': '!!f().code',
    '[attr.data-testid]': 'f().testId ?? null',
  },
})
export class FieldInput {
  readonly f = input.required<Field>({ alias: 'appFieldInput' });
}

/**
 * The rows of a form from a list of fields (`Field`), each an `app-form-row` with its control, so
 * pages declare their forms instead of writing the same label/control/error markup again. Stands
 * in the page's `<form nz-form [formGroup]>` (or any layout of it: a grid around it places its rows).
 * `idSuffix` follows each id (rows of a list: `-0`, `-1`…). The choice controls (select, tree,
 * switch) and the date-time picker are deferred, so a page loads them only when it shows one (the
 * sign-in pages none); a page with a `datetime` field needs `provideDatePickers()` on its route.
 */
@Component({
  selector: 'app-form-fields',
  imports: [
    ReactiveFormsModule,
    NzIconModule,
    NzInputModule,
    NzSelectComponent,
    NzTreeSelectComponent,
    TreeSelectKeys,
    NzSwitchComponent,
    DateInput,
    FieldInput,
    FormRow,
  ],
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
          [state]="c"
          [error]="errorText(f, c)"
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
              @defer (on immediate) {
                <app-date-input time [inputId]="id" [formControl]="c" [attr.data-testid]="f.testId ?? null" />
              }
            }
            @case ('select') {
              @defer (on immediate) {
                <nz-select
                  [nzId]="id"
                  [nzMode]="f.multiple ? 'multiple' : 'default'"
                  [nzAllowClear]="!!f.allowClear"
                  [nzShowSearch]="!!f.showSearch"
                  [nzPlaceHolder]="words(f.placeholder) ?? ''"
                  [formControl]="c"
                  [attr.data-testid]="f.testId ?? null"
                  [nzOptions]="selectOptions(f)"
                >
                </nz-select>
              }
            }
            @case ('tree') {
              @defer (on immediate) {
                <nz-tree-select
                  appTreeKeys
                  [nzId]="id"
                  [formControl]="c"
                  [attr.data-testid]="f.testId ?? null"
                  [nzNodes]="f.nodes?.() ?? []"
                  [nzMultiple]="!!f.multiple"
                  [nzShowSearch]="!!f.showSearch"
                  [nzDefaultExpandAll]="true"
                  [nzPlaceHolder]="words(f.placeholder) ?? ''"
                />
              }
            }
            @case ('switch') {
              @defer (on immediate) {
                <nz-switch [nzId]="id" [formControl]="c" [attr.data-testid]="f.testId ?? null" />
              }
            }
            @default {
              <!-- Without a prefix the wrapper draws the bare input. -->
              <nz-input-wrapper>
                @if (f.kind === 'money') {
                  <span nzInputPrefix>¥</span>
                } @else if (f.icon) {
                  <nz-icon nzInputPrefix [nzType]="f.icon" />
                }
                <input
                  nz-input
                  [appFieldInput]="f"
                  [id]="id"
                  [placeholder]="words(f.placeholder) ?? ''"
                  [formControl]="c"
                />
              </nz-input-wrapper>
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
    .code {
      font-family: monospace;
      letter-spacing: 1px;
    }
  `,
})
export class FormFields {
  private readonly t = inject(I18n).t;
  private readonly changes = inject(ChangeDetectorRef);
  /** The form group whose controls the fields name. */
  readonly form = input.required<{ get(name: string): AbstractControl | null }>();
  readonly fields = input.required<readonly Field[]>();
  readonly idSuffix = input('');

  constructor() {
    // The error texts follow the controls, which the page validates (on submit, on a refusal).
    effect((onCleanup) => {
      const form = this.form();
      if (!(form instanceof AbstractControl)) return;
      const sub = form.events.subscribe(() => this.changes.markForCheck());
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected errorText(f: Field, c: AbstractControl): string | undefined {
    return fieldError(this.t, f, c);
  }

  /**
   * A select's choices as NG-ZORRO takes them (a group's under its label). The same list while the
   * choices stay the same, even when the field makes a new array each time it is asked: new options
   * would make the select reset the option the keyboard is on.
   */
  protected selectOptions(f: Field): NzSelectOptionInterface[] {
    const source = f.groups
      ? f.groups().flatMap((g) => g.options.map((o) => ({ ...o, groupLabel: g.label })))
      : (f.options?.() ?? []).map((o) => ({ ...o }));
    const key = JSON.stringify(source);
    const shown = this.optionsOf.get(f.name);
    if (shown?.key === key) return shown.options;
    this.optionsOf.set(f.name, { key, options: source });
    return source;
  }
  private readonly optionsOf = new Map<string, { key: string; options: NzSelectOptionInterface[] }>();

  protected control(name: string): FormControl {
    const control = this.form().get(name);
    if (!control) throw new Error(`app-form-fields: the form has no control "${name}"`);
    return control as FormControl;
  }

  protected words(w: Words | undefined): string | undefined {
    return wordsIn(this.t, w);
  }
}
