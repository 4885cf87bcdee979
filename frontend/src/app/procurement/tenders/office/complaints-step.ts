import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { evaluationComplaints, evaluationDecide } from '../../../api/functions';
import type { ComplaintDto } from '../../../api/models';
import { failureText } from '../../../shared/api-error';
import { ReasonForm } from '../../../shared/reason-form';
import { touchAll } from '../../../shared/server-errors';
import { COMPLAINT_COLORS, ProcurementLabels } from '../../procurement-labels';
import { StepErrors } from '../../step-errors';
import { OfficeStep } from './office-step';

/**
 * During the standstill, the complaints lodged against the award: the office dismisses or upholds
 * each pending one (upholding sends the tender back to evaluation), always with its reason.
 */
@Component({
  selector: 'app-office-complaints',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, NzButtonModule, NzTagModule, ReasonForm, StepErrors],
  template: `
    <section class="section" data-testid="office-complaints">
      <h3>{{ t('procurement.complaints.title') }}</h3>
      <app-step-errors testId="office" [error]="error()" />
      <ul class="plain">
        @for (c of complaints(); track c.id) {
          <li data-testid="office-complaint" [attr.data-status]="c.status">
            <div class="buttons">
              <nz-tag [nzColor]="colors[c.status]">{{ label.complaintStatus(c.status) }}</nz-tag>
              <span class="muted">{{ c.createdAt | date: 'yyyy-MM-dd HH:mm' }}</span>
            </div>
            <p>{{ c.reason }}</p>
            @if (c.decisionReason) {
              <p class="muted">{{ t('procurement.complaints.decision', { reason: c.decisionReason }) }}</p>
            }
            @if (c.status === 'pending') {
              @let d = deciding();
              @if (d && d.id === c.id) {
                <app-reason-form
                  [form]="form"
                  [fieldId]="'complaint-' + c.id"
                  [label]="t('review.reason')"
                  [rule]="t('review.reasonRule')"
                  [submitLabel]="decisionLabel(d.uphold)"
                  [busy]="busy(c.id)"
                  testId="office-complaint"
                  (submitted)="decide(c, d.uphold)"
                  (dismissed)="deciding.set(null)"
                />
              } @else {
                <div class="buttons">
                  @for (uphold of [false, true]; track uphold) {
                    <button
                      nz-button
                      nzSize="small"
                      type="button"
                      [attr.data-testid]="uphold ? 'office-complaint-uphold' : 'office-complaint-dismiss'"
                      (click)="start(c, uphold)"
                    >
                      {{ decisionLabel(uphold) }}
                    </button>
                  }
                </div>
              }
            }
          </li>
        } @empty {
          <li class="muted">{{ t('procurement.complaints.none') }}</li>
        }
      </ul>
    </section>
  `,
  styleUrl: './step.css',
})
export class ComplaintsStep extends OfficeStep {
  protected readonly label = inject(ProcurementLabels);
  protected readonly colors = COMPLAINT_COLORS;

  protected readonly complaints = signal<ComplaintDto[]>([]);
  /** The complaint being decided, and which way. */
  protected readonly deciding = signal<{ id: string; uphold: boolean } | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(4000)]],
  });

  constructor() {
    super();
    effect(() => {
      const id = this.tender().id;
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    try {
      this.complaints.set(await this.api.invoke(evaluationComplaints, { id }));
    } catch (err) {
      this.error.set(failureText(err, this.t));
    }
  }

  protected decisionLabel(uphold: boolean): string {
    return this.t(uphold ? 'procurement.complaints.uphold' : 'procurement.complaints.dismiss');
  }

  protected start(complaint: ComplaintDto, uphold: boolean): void {
    this.form.reset();
    this.deciding.set({ id: complaint.id, uphold });
  }

  protected async decide(complaint: ComplaintDto, uphold: boolean): Promise<void> {
    if (!touchAll(this.form)) return;
    const reason = this.form.getRawValue().reason.trim();
    const done = await this.run(
      complaint.id,
      () => this.api.invoke(evaluationDecide, { id: complaint.id, body: { uphold, reason } }),
      { success: 'procurement.office.decided' },
    );
    if (done) this.deciding.set(null);
  }
}
