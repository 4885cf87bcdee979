import { Component, inject, input } from '@angular/core';
import { type FormArray, type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { type Field, FormFields } from './form-fields';

/**
 * A list of rows: its form array, the fields of a row (ids become `<id>-<row index>`), how to make a
 * new row, and its words and test ids.
 */
export interface RowList {
  rows: FormArray<FormGroup>;
  fields: readonly Field[];
  newRow: () => FormGroup;
  /** On each row; `<testId>-add` on the add button. */
  testId: string;
  addLabel: I18nKey;
  /** The remove button's name (it shows an icon only). */
  removeLabel: I18nKey;
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
 * A growing list of rows of the same fields (a tender's sub-criteria, its milestones): each row
 * can be removed, a new one added, and under the list its running sum and what is wrong with it.
 * Stands in the form of the page, which owns the form array.
 */
@Component({
  selector: 'app-form-row-list',
  imports: [ReactiveFormsModule, NzButtonModule, NzIconModule, FormFields],
  template: `
    @let l = list();
    @let c = check();
    <div class="rows">
      @for (row of l.rows.controls; track row; let i = $index) {
        <div class="row" [attr.data-testid]="l.testId">
          <app-form-fields [form]="row" [fields]="l.fields" [idSuffix]="'-' + i" />
          <button
            nz-button
            nzType="text"
            nzDanger
            type="button"
            class="remove"
            [attr.aria-label]="t(l.removeLabel)"
            (click)="remove(i)"
          >
            <nz-icon nzType="delete" />
          </button>
        </div>
      }
    </div>
    <button nz-button nzType="dashed" type="button" [attr.data-testid]="l.testId + '-add'" (click)="add()">
      <nz-icon nzType="plus" />
      {{ t(l.addLabel) }}
    </button>
    <p class="sum" [attr.data-testid]="l.sumTestId" [class.bad]="!c.ok">{{ c.sum }}</p>
    @if (c.problems.length) {
      <ul class="problems" [attr.data-testid]="l.problemsTestId">
        @for (p of c.problems; track $index) {
          <li>{{ p }}</li>
        }
      </ul>
    }
  `,
  styleUrl: './form-row-list.css',
})
export class FormRowList {
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
