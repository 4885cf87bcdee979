import { Component, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { I18n } from '../i18n/i18n.service';

/**
 * A list's search box, named by its placeholder for screen readers too; `text` is what is typed,
 * `name` its test id.
 */
@Component({
  selector: 'app-search-input',
  imports: [FormsModule, NzInputModule, NzIconModule],
  template: `
    <nz-input-wrapper>
      <nz-icon nzInputPrefix nzType="search" />
      <input
        nz-input
        type="search"
        [attr.data-testid]="name()"
        [attr.aria-label]="label()"
        [placeholder]="label()"
        [(ngModel)]="text"
      />
    </nz-input-wrapper>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class SearchInput {
  readonly text = model.required<string>();
  readonly label = input.required<string>();
  readonly name = input.required<string>();
}

/** A list's sort, labelled for screen readers (the options say what they sort by); `name` is its id and test id. */
@Component({
  selector: 'app-sort-select',
  imports: [FormsModule, NzSelectModule],
  template: `
    <label class="sr-only" [for]="name()">{{ t('a11y.sort') }}</label>
    <nz-select [nzId]="name()" [attr.data-testid]="name()" [nzOptions]="options()" [(ngModel)]="value" />
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
export class SortSelect<T extends string> {
  protected readonly t = inject(I18n).t;
  readonly value = model.required<T>();
  readonly options = input.required<{ value: T; label: string }[]>();
  readonly name = input.required<string>();
}

/** The sort choices of a list, each labelled by its i18n key `<prefix>.<value>`. */
export const sortOptions = <T extends string>(
  values: readonly T[],
  label: (value: T) => string,
): { value: T; label: string }[] => values.map((value) => ({ value, label: label(value) }));
