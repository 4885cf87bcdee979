import { ChangeDetectionStrategy, Component, inject, input, type Provider } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { I18n } from '../i18n/i18n.service';
import { CHOICE_FIELD, type SelectField, type SwitchField, type TreeField } from './form-fields';
import { TreeSelectKeys } from './tree-select-keys';

/** The control of a choice field (select, tree, switch) in a row of `app-form-fields`. */
@Component({
  selector: 'app-choice-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TreeSelectKeys, NzSelectModule, NzSwitchModule, NzTreeSelectModule],
  // The control binds to the page's form group, as the row's other controls do.
  viewProviders: [
    { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
  ],
  template: `
    @let f = field();
    @switch (f.kind) {
      @case ('select') {
        <nz-select
          [nzId]="f.id"
          [nzMode]="f.multiple ? 'multiple' : 'default'"
          [formControlName]="f.name"
          [attr.data-testid]="f.testId ?? null"
          [nzPlaceHolder]="f.placeholder ? t(f.placeholder) : null"
        >
          @for (o of f.options?.() ?? []; track o.value) {
            <nz-option [nzValue]="o.value" [nzLabel]="o.label" />
          }
          @for (group of f.groups?.() ?? []; track group.label) {
            <nz-option-group [nzLabel]="group.label">
              @for (o of group.options; track o.value) {
                <nz-option [nzValue]="o.value" [nzLabel]="o.label" />
              }
            </nz-option-group>
          }
        </nz-select>
      }
      @case ('tree') {
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
      }
      @case ('switch') {
        <nz-switch [nzId]="f.id" [formControlName]="f.name" [attr.data-testid]="f.testId ?? null" />
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ChoiceField {
  protected readonly t = inject(I18n).t;
  readonly field = input.required<SelectField | TreeField | SwitchField>();
}

/** For a page whose `app-form-fields` hold choices. */
export const provideChoiceFields = (): Provider => ({ provide: CHOICE_FIELD, useValue: ChoiceField });
