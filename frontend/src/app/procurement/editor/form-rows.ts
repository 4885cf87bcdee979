import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { type FormArray, type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';

/** One input of a row: its control, label, rule and kind; ids are `<id>-<row index>`. */
export interface RowField {
  name: string;
  id: string;
  label: I18nKey;
  /** The label ends in " %". */
  percent?: boolean;
  rule: I18nKey;
  help?: I18nKey;
  optional?: boolean;
  /** A whole number between min and max (the control holds a number), or a decimal typed as text. */
  kind?: 'integer' | 'decimal';
  min?: number;
  max?: number;
  /** Takes the row's spare width. */
  grow?: boolean;
  testId: string;
}

/** A list of rows: its form array, its inputs, how to make a new row, and its test ids. */
export interface RowList {
  rows: FormArray<FormGroup>;
  fields: readonly RowField[];
  newRow: () => FormGroup;
  /** On each row; `<testId>-add` on the add button. */
  testId: string;
  addLabel: I18nKey;
  sumTestId: string;
  problemsTestId: string;
}

/** The list's running sum, whether it is right, and what is wrong with the whole. */
export interface RowsCheck {
  sum: string;
  ok: boolean;
  problems: readonly string[];
}

/**
 * A growing list of rows of the same inputs (the tender's sub-criteria, its milestones): each row
 * can be removed, a new one added, and under the list its running sum and what is wrong with it.
 */
@Component({
  selector: 'app-form-rows',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NzButtonModule, NzFormModule, NzIconModule, NzInputModule],
  templateUrl: './form-rows.html',
  styleUrl: './form-rows.css',
})
export class FormRows {
  protected readonly t = inject(I18n).t;
  readonly list = input.required<RowList>();
  readonly check = input.required<RowsCheck>();

  protected add(): void {
    this.list().rows.push(this.list().newRow());
  }

  protected remove(index: number): void {
    this.list().rows.removeAt(index);
  }
}
