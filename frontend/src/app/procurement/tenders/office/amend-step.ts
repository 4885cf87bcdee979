import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { tendersAmend } from '../../../api/fn/tenders/tenders-amend';
import type { AmendmentDto } from '../../../api/models';
import { DateFields, type DateField } from '../../../shared/date-fields';
import { FormActions } from '../../../shared/form-actions';
import { FormRow } from '../../../shared/form-row';
import { NzInputModule } from 'ng-zorro-antd/input';
import { touchAll } from '../../../shared/server-errors';
import { localToInstant } from '../../../shared/dates';
import { yuanToFen, yuanValidator } from '../../../shared/money';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';
import { BusyButton } from '../../../shared/busy-button';

/**
 * A published tender changes only by an amendment: a summary, and whichever of the terms change
 * (the server moves a deadline that comes too soon).
 */
@Component({
  selector: 'app-office-amend',
  imports: [
    DateFields,
    FormActions,
    FormRow,
    NzInputModule,
    ReactiveFormsModule,
    BusyButton,
    NzFormModule,
    StepErrors,
  ],
  template: `
    @if (open()) {
      <form
        nz-form
        nzLayout="vertical"
        class="section"
        [formGroup]="form"
        (ngSubmit)="submit()"
        data-testid="office-amend-form"
      >
        <h3>{{ t('procurement.office.amend') }}</h3>
        <app-step-errors testId="office" [error]="error()" />
        <app-form-row
          [label]="t('procurement.amend.summary')"
          for="amend-summary"
          required
          [error]="t('procurement.amend.summaryRule')"
        >
          <input nz-input id="amend-summary" formControlName="summary" data-testid="office-amend-summary" />
        </app-form-row>
        <app-form-row
          [label]="t('procurement.amend.description')"
          for="amend-description"
          [error]="t('procurement.editor.descriptionRule')"
        >
          <textarea nz-input id="amend-description" rows="3" formControlName="description"></textarea>
        </app-form-row>
        <div class="grid">
          <app-date-fields [form]="form" [fields]="deadlines" />
          <app-form-row
            [label]="t('procurement.editor.ceilingYuan')"
            for="amend-budget"
            [error]="t('procurement.money.rule')"
          >
            <input nz-input id="amend-budget" inputmode="decimal" formControlName="budget" />
          </app-form-row>
        </div>
        <app-form-actions
          [submitLabel]="t('procurement.amend.publish')"
          submitTestId="office-amend-submit"
          [busy]="busy('amend')"
          (cancelled)="open.set(false)"
        />
      </form>
    } @else {
      <app-busy-button
        testId="office-amend"
        [label]="t('procurement.office.amend')"
        (pressed)="open.set(true)"
      />
    }
  `,
  styleUrl: './step.css',
})
export class AmendStep extends OfficeStep {
  protected readonly open = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    summary: ['', [Validators.required, Validators.minLength(4), Validators.maxLength(1000)]],
    description: ['', [Validators.minLength(10), Validators.maxLength(10000)]],
    bidDeadline: [''],
    enquiryDeadline: [''],
    budget: ['', [yuanValidator]],
  });
  protected readonly deadlines: readonly DateField[] = [
    { name: 'enquiryDeadline', id: 'amend-enquiry', label: 'procurement.tender.enquiryDeadline', time: true },
    {
      name: 'bidDeadline',
      id: 'amend-bid',
      label: 'procurement.tender.bidDeadline',
      time: true,
      help: 'procurement.amend.deadlineHelp',
      testId: 'office-amend-deadline',
    },
  ];

  /** Only what was filled in changes. */
  protected async submit(): Promise<void> {
    if (!touchAll(this.form)) return;
    const v = this.form.getRawValue();
    const body: AmendmentDto = { summary: v.summary.trim() };
    if (v.description.trim()) body.description = v.description.trim();
    const bid = localToInstant(v.bidDeadline);
    const enquiry = localToInstant(v.enquiryDeadline);
    if (bid) body.bidDeadline = bid;
    if (enquiry) body.enquiryDeadline = enquiry;
    const fen = v.budget.trim() ? yuanToFen(v.budget) : null;
    if (fen !== null) body.budgetCeilingFen = fen;
    const id = this.tender().id;
    const done = await this.run('amend', () => this.api.invoke(tendersAmend, { id, body }), {
      success: 'procurement.office.amended',
    });
    if (done) {
      this.form.reset();
      this.open.set(false);
    }
  }
}
