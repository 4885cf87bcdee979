import { Component, inject, input, output } from '@angular/core';
import { I18n } from '../i18n/i18n.service';
import { FormCard } from '../shared/form-card';
import type { Field } from '../shared/form-fields';
import type { CommunityFormCardSpec } from './participation-fields';

/**
 * A community's staff form in its card (`app-form-card`): the `CommunityForm` gives its name (the
 * test ids' prefix), heading, submit label, form and action; the page gives its fields and projects
 * anything else the form holds.
 */
@Component({
  selector: 'app-community-form-card',
  imports: [FormCard],
  template: `
    @let staffForm = card();
    <app-form-card
      [name]="staffForm.name"
      [heading]="t(staffForm.heading)"
      [form]="staffForm.form"
      [fields]="fields()"
      [submitLabel]="t(staffForm.submitLabel)"
      [action]="staffForm.action"
      (submitted)="submitted.emit()"
    >
      <ng-content />
    </app-form-card>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class CommunityFormCard {
  protected readonly t = inject(I18n).t;
  readonly card = input.required<CommunityFormCardSpec>();
  readonly fields = input.required<readonly Field[]>();
  readonly submitted = output<void>();
}
