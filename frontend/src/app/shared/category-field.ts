import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { type AbstractControl, type FormControl, ReactiveFormsModule } from '@angular/forms';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { I18n } from '../i18n/i18n.service';
import type { Field } from './form-fields';
import { FormRow } from './form-row';
import { wordsIn } from './words';
import { ReferenceData } from './reference-data';
import { TreeSelectKeys } from './tree-select-keys';

/** A category row: a `Field` whose control holds a catalog code (`multiple`: codes). */
export type CategoryField = Pick<Field, 'name' | 'id' | 'label' | 'required' | 'rule' | 'help' | 'testId'> & {
  multiple?: boolean;
};

/**
 * A form's row picking from the live service catalog, as a tree the keyboard can walk
 * (`appTreeKeys`), all of it open; apart from `app-form-fields` so that only the pages with a
 * category load the tree. The page loads the reference data (`ReferenceData.load`).
 */
@Component({
  selector: 'app-category-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NzTreeSelectModule, TreeSelectKeys, FormRow],
  template: `
    @let f = field();
    <app-form-row
      [label]="words(f.label)!"
      [for]="f.id"
      [required]="!!f.required"
      [error]="words(f.rule)"
      [extra]="words(f.help)"
    >
      <nz-tree-select
        appTreeKeys
        [nzId]="f.id"
        [formControl]="control()"
        [attr.data-testid]="f.testId ?? null"
        [nzNodes]="ref.categoryNodes()"
        [nzMultiple]="!!f.multiple"
        [nzDefaultExpandAll]="true"
        [nzPlaceHolder]="t('form.choose')"
      />
    </app-form-row>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class CategoryFieldRow {
  protected readonly t = inject(I18n).t;
  protected readonly ref = inject(ReferenceData);
  readonly form = input.required<{ get(name: string): AbstractControl | null }>();
  readonly field = input.required<CategoryField>();

  protected control(): FormControl {
    return this.form().get(this.field().name) as FormControl;
  }

  protected words(w: Field['label'] | undefined): string | undefined {
    return wordsIn(this.t, w);
  }
}
