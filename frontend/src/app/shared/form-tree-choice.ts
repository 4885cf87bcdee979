import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { I18n } from '../i18n/i18n.service';
import type { TreeField } from './form-fields';
import { TreeSelectKeys } from './tree-select-keys';

/** The control of a tree field (the categories) in a row of `app-form-fields`. */
@Component({
  selector: 'app-tree-choice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TreeSelectKeys, NzTreeSelectModule],
  // The control binds to the page's form group, as the row's other controls do.
  viewProviders: [
    { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
  ],
  template: `
    @let f = field();
    <nz-tree-select
      appTreeKeys
      [nzId]="f.id"
      [formControlName]="f.name"
      [attr.data-testid]="f.testId ?? null"
      [nzNodes]="f.nodes()"
      [nzMultiple]="true"
      [nzShowSearch]="!!f.search"
      [nzDefaultExpandAll]="true"
      [nzPlaceHolder]="f.placeholder ? t(f.placeholder) : ''"
    />
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class TreeChoice {
  protected readonly t = inject(I18n).t;
  readonly field = input.required<TreeField>();
}
