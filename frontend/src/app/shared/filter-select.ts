import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  model,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule, type NzSelectOptionInterface } from 'ng-zorro-antd/select';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import type { Choice } from './choice-select';
import { ReferenceData } from './reference-data';
import { TreeSelectKeys } from './tree-select-keys';

/**
 * A list's filter that may be left empty (no filter): a clearable select whose placeholder is its
 * label (also read by screen readers); `multiple` picks several values. `name` is its id and test id.
 */
@Component({
  selector: 'app-filter-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, NzSelectModule],
  template: `
    <label class="sr-only" [for]="name()">{{ label() }}</label>
    <nz-select
      nzAllowClear
      [nzId]="name()"
      [attr.data-testid]="name()"
      [nzMode]="multiple() ? 'multiple' : 'default'"
      [nzShowSearch]="searchable()"
      [nzPlaceHolder]="label()"
      [nzOptions]="nzOptions()"
      [(ngModel)]="value"
    />
  `,
  styles: `
    :host {
      display: block;
    }
    nz-select {
      width: 100%;
    }
  `,
})
export class FilterSelect<T, V extends T | null | readonly T[] = T | null> {
  /** The value picked (null when cleared), or the values picked with `multiple` (empty when cleared). */
  readonly value = model.required<V>();
  readonly choices = input.required<readonly Choice<T>[]>();
  readonly label = input.required<string>();
  readonly name = input.required<string>();
  readonly multiple = input(false, { transform: booleanAttribute });
  /** Typing narrows the choices (a long list, such as every community). */
  readonly searchable = input(false, { transform: booleanAttribute });
  protected readonly nzOptions = computed<NzSelectOptionInterface[]>(() =>
    this.choices().map(({ value, label, group }) => ({ value, label, groupLabel: group })),
  );
}

/**
 * A list's filter by service category: the catalog as a clearable tree (with its keyboard), the
 * label as placeholder and for screen readers; null when cleared. `name` is its id and test id.
 */
@Component({
  selector: 'app-category-filter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, NzTreeSelectModule, TreeSelectKeys],
  template: `
    <label class="sr-only" [for]="name()">{{ label() }}</label>
    <nz-tree-select
      appTreeKeys
      nzAllowClear
      [nzId]="name()"
      [attr.data-testid]="name()"
      [nzNodes]="ref.categoryNodes()"
      [nzDefaultExpandAll]="true"
      [nzPlaceHolder]="label()"
      [ngModel]="value()"
      (ngModelChange)="value.set($event || null)"
    />
  `,
  styles: `
    :host {
      display: block;
    }
    nz-tree-select {
      width: 100%;
    }
  `,
})
export class CategoryFilter {
  protected readonly ref = inject(ReferenceData);
  /** The category's code, null for every category. */
  readonly value = model.required<string | null>();
  readonly label = input.required<string>();
  readonly name = input.required<string>();
}
