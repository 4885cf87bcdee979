import { ChangeDetectionStrategy, Component, inject, input, type Provider, type Type } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { I18n } from '../i18n/i18n.service';
import { CHOICE_FIELDS, type SelectField, type SwitchField } from './form-fields';

/** The control of a select or switch field in a row of `app-form-fields`. */
@Component({
  selector: 'app-choice-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NzSelectModule, NzSwitchModule],
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
  readonly field = input.required<SelectField | SwitchField>();
}

/** For a page whose `app-form-fields` hold choices; a tree (`TreeChoice`, form-tree-choice.ts) when it has one. */
export const provideChoiceFields = (more: { tree?: Type<unknown> } = {}): Provider => ({
  provide: CHOICE_FIELDS,
  useValue: { select: ChoiceField, switch: ChoiceField, ...more },
});
