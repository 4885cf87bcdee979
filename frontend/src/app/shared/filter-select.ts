import { Component, computed, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule, type NzSelectOptionInterface } from 'ng-zorro-antd/select';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import type { Choice } from './choice-select';
import { ReferenceData } from './reference-data';
import { TreeSelectKeys } from './tree-select-keys';

/**
 * One filter of a list, which may be left empty (no filter) unless required: its choices, or the service catalog as
 * a tree; the value shown and what picking (or clearing) does.
 */
export interface ListFilter {
  /** With the list's name, the control's id and test id (`<list>-<name>`). */
  name: string;
  label: I18nKey;
  choices: readonly Choice<unknown>[] | 'categories';
  value: unknown;
  pick: (value: unknown) => void;
  /** Several values may be picked (an empty list when cleared). */
  multiple?: boolean;
  /** Typing narrows the choices (a long list, such as every community). */
  searchable?: boolean;
  /** A value is always picked (the list needs one, such as its street): no clearing. */
  required?: boolean;
}

/** A list's filter: `value` is shown, `pick` gets the value picked (null, or [] with `multiple`, when cleared). */
export const listFilter = <V>(
  name: string,
  label: I18nKey,
  choices: ListFilter['choices'],
  value: V,
  pick: (value: V) => void,
  how: Pick<ListFilter, 'multiple' | 'searchable' | 'required'> = {},
): ListFilter => ({ name, label, choices, value, pick: pick as (value: unknown) => void, ...how });

/**
 * A list's filters, each a select (clearable unless required) or the category tree, whose placeholder is its label,
 * also read by screen readers. The filters stand as cells of the row around them (its grid).
 */
@Component({
  selector: 'app-list-filter-selects',
  imports: [FormsModule, NzSelectModule, NzTreeSelectModule, TreeSelectKeys],
  template: `
    @for (f of shown(); track f.id) {
      <div class="filter">
        <label class="sr-only" [for]="f.id">{{ t(f.label) }}</label>
        @if (f.options; as options) {
          <nz-select
            [nzAllowClear]="!f.required"
            [nzId]="f.id"
            [attr.data-testid]="f.id"
            [nzMode]="f.multiple ? 'multiple' : 'default'"
            [nzShowSearch]="!!f.searchable"
            [nzPlaceHolder]="t(f.label)"
            [nzOptions]="options"
            [ngModel]="f.value"
            (ngModelChange)="f.pick($event ?? null)"
          />
        } @else {
          <nz-tree-select
            appTreeKeys
            nzAllowClear
            [nzId]="f.id"
            [attr.data-testid]="f.id"
            [nzNodes]="ref.categoryNodes()"
            [nzDefaultExpandAll]="true"
            [nzPlaceHolder]="t(f.label)"
            [ngModel]="f.value"
            (ngModelChange)="f.pick($event || null)"
          />
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    nz-select,
    nz-tree-select {
      width: 100%;
    }
  `,
})
export class ListFilterSelects {
  protected readonly t = inject(I18n).t;
  protected readonly ref = inject(ReferenceData);
  /** The list's name, the prefix of the controls' ids and test ids. */
  readonly list = input.required<string>();
  /** The filters, each a `listFilter`. */
  readonly selects = input.required<readonly ListFilter[]>();
  protected readonly shown = computed(() =>
    this.selects().map((f) => ({
      ...f,
      id: `${this.list()}-${f.name}`,
      options:
        f.choices === 'categories'
          ? null
          : f.choices.map(({ value, label, group }): NzSelectOptionInterface => ({
              value,
              label,
              groupLabel: group,
            })),
    })),
  );
}
