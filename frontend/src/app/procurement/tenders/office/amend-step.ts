import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { tendersAmend } from '../../../api/functions';
import type { AmendmentDto } from '../../../api/models';
import { DateInput } from '../../../shared/date-input';
import { touchAll } from '../../../shared/server-errors';
import { fromLocalInput } from '../../datetime';
import { yuanToFen, yuanValidator } from '../../money';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

/**
 * A published tender changes only by an amendment: a summary, and whichever of the terms change
 * (the server moves a deadline that comes too soon).
 */
@Component({
  selector: 'app-office-amend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateInput, ReactiveFormsModule, NzButtonModule, NzFormModule, NzInputModule, StepErrors],
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
        <nz-form-item>
          <nz-form-label nzRequired nzFor="amend-summary">{{ t('procurement.amend.summary') }}</nz-form-label>
          <nz-form-control [nzErrorTip]="t('procurement.amend.summaryRule')">
            <input nz-input id="amend-summary" formControlName="summary" data-testid="office-amend-summary" />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzFor="amend-description">{{ t('procurement.amend.description') }}</nz-form-label>
          <nz-form-control [nzErrorTip]="t('procurement.editor.descriptionRule')">
            <textarea nz-input id="amend-description" rows="3" formControlName="description"></textarea>
          </nz-form-control>
        </nz-form-item>
        <div class="grid">
          <nz-form-item>
            <nz-form-label nzFor="amend-enquiry">{{ t('procurement.tender.enquiryDeadline') }}</nz-form-label>
            <nz-form-control>
              <app-date-input inputId="amend-enquiry" time formControlName="enquiryDeadline" />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzFor="amend-bid">{{ t('procurement.tender.bidDeadline') }}</nz-form-label>
            <nz-form-control [nzExtra]="t('procurement.amend.deadlineHelp')">
              <app-date-input
                inputId="amend-bid"
                time
                formControlName="bidDeadline"
                data-testid="office-amend-deadline"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzFor="amend-budget">{{ t('procurement.editor.ceilingYuan') }}</nz-form-label>
            <nz-form-control [nzErrorTip]="t('procurement.money.rule')">
              <input nz-input id="amend-budget" inputmode="decimal" formControlName="budget" />
            </nz-form-control>
          </nz-form-item>
        </div>
        <div class="buttons">
          <button nz-button type="button" (click)="open.set(false)">{{ t('common.cancel') }}</button>
          <button
            nz-button
            nzType="primary"
            type="submit"
            data-testid="office-amend-submit"
            [nzLoading]="busy('amend')"
          >
            {{ t('procurement.amend.publish') }}
          </button>
        </div>
      </form>
    } @else {
      <button nz-button type="button" data-testid="office-amend" (click)="open.set(true)">
        {{ t('procurement.office.amend') }}
      </button>
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

  /** Only what was filled in changes. */
  protected async submit(): Promise<void> {
    if (!touchAll(this.form)) return;
    const v = this.form.getRawValue();
    const body: AmendmentDto = { summary: v.summary.trim() };
    if (v.description.trim()) body.description = v.description.trim();
    const bid = fromLocalInput(v.bidDeadline);
    const enquiry = fromLocalInput(v.enquiryDeadline);
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
