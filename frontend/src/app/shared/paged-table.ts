import { NgTemplateOutlet } from '@angular/common';
import { Component, Directive, TemplateRef, computed, contentChild, inject, input } from '@angular/core';
import { NzTableModule } from 'ng-zorro-antd/table';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { CardsOnPhone } from './cards-on-phone';

/** A column of an `app-paged-table`: its head's words, whether it stands right, its width. */
export interface TableColumn {
  label: I18nKey;
  right?: boolean;
  width?: string;
}

/**
 * The rows of an `app-paged-table` and how one is drawn: `<ng-template [appRowOf]="rows" let-row>`
 * around the row's `<tr>` (`row` is typed as an item of `rows`).
 */
@Directive({ selector: 'ng-template[appRowOf]' })
export class TableRows<T> {
  readonly appRowOf = input.required<readonly T[]>();
  readonly template = inject<TemplateRef<{ $implicit: T }>>(TemplateRef);

  /** Types `let-row` in the page's template as an item of the rows given. */
  static ngTemplateContextGuard<T>(rows: TableRows<T>, context: unknown): context is { $implicit: T } {
    return rows instanceof TableRows && typeof context === 'object';
  }
}

/**
 * A small table of rows the page already holds, paged in the browser (the pages shown only when
 * there are more rows than one page), one card a row on a phone. The columns are declared; each row
 * is drawn by the `<ng-template [appRowOf]>` given inside.
 */
@Component({
  selector: 'app-paged-table',
  imports: [CardsOnPhone, NgTemplateOutlet, NzTableModule],
  template: `
    <nz-table
      appCardsOnPhone
      #table
      [nzData]="rows()"
      [nzShowPagination]="rows().length > pageSize()"
      [nzPageSize]="pageSize()"
      nzSize="small"
      [nzLoading]="loading()"
      [nzNoResult]="noResult()"
      [attr.data-testid]="testId()"
    >
      <thead>
        <tr>
          @for (c of columns(); track c.label) {
            <th scope="col" [nzAlign]="c.right ? 'right' : null" [nzWidth]="c.width ?? null">
              {{ t(c.label) }}
            </th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of table.data; track $index) {
          <ng-container *ngTemplateOutlet="given().template; context: { $implicit: row }" />
        }
      </tbody>
    </nz-table>
  `,
  styles: `
    :host,
    nz-table {
      display: block;
    }
  `,
})
export class PagedTable<T> {
  protected readonly t = inject(I18n).t;
  readonly columns = input.required<readonly TableColumn[]>();
  readonly pageSize = input(10);
  readonly loading = input(false);
  /** What an empty table says; NG-ZORRO's own words when not given. */
  readonly noResult = input<string>();
  readonly testId = input.required<string>();
  protected readonly given = contentChild.required<TableRows<T>>(TableRows);
  protected readonly rows = computed(() => this.given().appRowOf());
}

/** What a page imports to draw an `app-paged-table`. */
export const PAGED_TABLE = [PagedTable, TableRows] as const;
