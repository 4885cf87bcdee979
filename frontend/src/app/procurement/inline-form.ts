import { Component, inject, input, output } from '@angular/core';
import { type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { type Field, FormFields } from '../shared/form-fields';

/** An inline form as its page declares it: the form, its fields, its submit's words and test id. */
export interface InlineFormSpec {
  form: FormGroup;
  fields: readonly Field[];
  submit: I18nKey;
  testId: string;
  /** A submit that takes a step against someone (a complaint): shown as dangerous. */
  danger?: boolean;
}

/**
 * A small form under a card's list (an admission item, a task, a question, a complaint): its
 * declared fields, then a plain submit of its text's width (`danger` for a complaint), busy while
 * its call runs; the page shows the call's failure where it shows its list's.
 */
@Component({
  selector: 'app-inline-form',
  imports: [ReactiveFormsModule, NzButtonModule, NzFormModule, FormFields],
  template: `
    @let f = of();
    <form nz-form nzLayout="vertical" [formGroup]="f.form" (ngSubmit)="submitted.emit()">
      <app-form-fields [form]="f.form" [fields]="f.fields" />
      <button
        nz-button
        [nzDanger]="!!f.danger"
        type="submit"
        [attr.data-testid]="f.testId"
        [nzLoading]="busy()"
      >
        {{ t(f.submit) }}
      </button>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class InlineForm {
  protected readonly t = inject(I18n).t;
  readonly of = input.required<InlineFormSpec>();
  readonly busy = input(false);
  readonly submitted = output<void>();
}
