import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { Choice } from './choice-select';
import { FormRow } from './form-row';

/**
 * One field of a form drawn from a list: its control's name in the form group, its label, the
 * element id the label names and its test id. `text` by default; `datetime` is a local date-time
 * to the second, `decimal` an amount typed with a decimal keyboard, `select` one of `choices`.
 */
export interface FormField {
  control: string;
  label: string;
  id: string;
  testId: string;
  kind?: 'text' | 'textarea' | 'datetime' | 'decimal' | 'select';
  required?: boolean;
  /** Shown while the control is invalid. */
  error?: string;
  /** Help under the control. */
  extra?: string;
  /** A textarea's height in lines (3 by default). */
  rows?: number;
  choices?: readonly Choice[];
  placeholder?: string;
}

/**
 * The rows of a form's fields, in order, each a shared form row (label, control, error). Stands in
 * a `[formGroup]` form, whose controls the fields name.
 */
@Component({
  selector: 'app-form-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NzInputModule, NzSelectModule, FormRow],
  // The fields bind to the form group of the form they stand in.
  viewProviders: [
    { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
  ],
  template: `
    @for (f of fields(); track f.control) {
      <app-form-row
        [label]="f.label"
        [required]="!!f.required"
        [for]="f.id"
        [error]="f.error"
        [extra]="f.extra"
      >
        @switch (f.kind) {
          @case ('textarea') {
            <textarea
              nz-input
              [rows]="f.rows ?? 3"
              [id]="f.id"
              [formControlName]="f.control"
              [attr.data-testid]="f.testId"
            ></textarea>
          }
          @case ('datetime') {
            <input
              nz-input
              type="datetime-local"
              step="1"
              [id]="f.id"
              [formControlName]="f.control"
              [attr.data-testid]="f.testId"
            />
          }
          @case ('decimal') {
            <input
              nz-input
              inputmode="decimal"
              [id]="f.id"
              [formControlName]="f.control"
              [attr.data-testid]="f.testId"
            />
          }
          @case ('select') {
            <nz-select
              [nzId]="f.id"
              [formControlName]="f.control"
              [attr.data-testid]="f.testId"
              [nzPlaceHolder]="f.placeholder ?? ''"
            >
              @for (c of f.choices ?? []; track c.value) {
                <nz-option [nzValue]="c.value" [nzLabel]="c.label" />
              }
            </nz-select>
          }
          @default {
            <input nz-input [id]="f.id" [formControlName]="f.control" [attr.data-testid]="f.testId" />
          }
        }
      </app-form-row>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class FormFields {
  readonly fields = input.required<readonly FormField[]>();
}

/**
 * The foot of a form that stands on its own (not an inline edit): what the last submit failed
 * with, then the full-width submit button, busy while it runs.
 */
@Component({
  selector: 'app-form-submit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule, NzButtonModule],
  template: `
    @if (error(); as message) {
      <nz-alert
        class="error"
        nzType="error"
        nzShowIcon
        [nzMessage]="message"
        [attr.data-testid]="errorTestId() ?? null"
      />
    }
    <button
      nz-button
      nzType="primary"
      nzBlock
      type="submit"
      [nzLoading]="busy()"
      [attr.data-testid]="testId()"
    >
      {{ label() }}
    </button>
  `,
  styles: `
    :host {
      display: block;
    }
    .error {
      margin-bottom: 16px;
    }
  `,
})
export class FormSubmit {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly errorTestId = input<string>();
}
