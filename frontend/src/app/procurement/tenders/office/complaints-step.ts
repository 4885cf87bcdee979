import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { evaluationComplaints } from '../../../api/fn/evaluation/evaluation-complaints';
import { evaluationDecide } from '../../../api/fn/evaluation/evaluation-decide';
import type { ComplaintDto } from '../../../api/models';
import { reloadOn } from '../../../shared/list-query';
import { reasonForm } from '../../../shared/reason-rules';
import { COMPLAINT_COLORS, ProcurementLabels } from '../../procurement-labels';
import { StepErrors } from '../../step-errors';
import { ReasonStep, StepReason, provideReasonStep } from './reason-step';
import { BusyButton } from '../../../shared/busy-button';

/**
 * During the standstill, the complaints lodged against the award: the office dismisses or upholds
 * each pending one (upholding sends the tender back to evaluation), always with its reason.
 */
@Component({
  selector: 'app-office-complaints',
  imports: [DatePipe, BusyButton, NzTagModule, StepReason, StepErrors],
  providers: [provideReasonStep(() => ComplaintsStep)],
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
              @if (reasonFor() === c.id) {
                <app-step-reason
                  [key]="c.id"
                  testId="office-complaint"
                  [submitLabel]="decisionLabel(upholding())"
                  (submitted)="decide(c, upholding())"
                />
              } @else {
                <div class="buttons">
                  @for (uphold of [false, true]; track uphold) {
                    <app-busy-button
                      small
                      [testId]="uphold ? 'office-complaint-uphold' : 'office-complaint-dismiss'"
                      [label]="decisionLabel(uphold)"
                      (pressed)="start(c, uphold)"
                    />
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
export class ComplaintsStep extends ReasonStep {
  protected readonly label = inject(ProcurementLabels);
  protected readonly colors = COMPLAINT_COLORS;

  protected readonly complaints = signal<ComplaintDto[]>([]);
  /** Which way the complaint asked a reason for (`reasonFor`) is being decided. */
  protected readonly upholding = signal(false);
  override readonly reasonKind = 'complaintDecision';
  override readonly reasonForm = reasonForm(this.reasonKind);

  constructor() {
    super();
    // Each new state of the tender (the notice reloaded) reads the complaints again.
    reloadOn(this.tender, (tender) => this.load(tender.id));
  }

  private async load(id: string): Promise<void> {
    try {
      this.complaints.set(await this.api.invoke(evaluationComplaints, { id }));
    } catch (err) {
      this.action.fail(err);
    }
  }

  protected decisionLabel(uphold: boolean): string {
    return this.t(uphold ? 'procurement.complaints.uphold' : 'procurement.complaints.dismiss');
  }

  protected start(complaint: ComplaintDto, uphold: boolean): void {
    this.upholding.set(uphold);
    this.askReason(complaint.id);
  }

  protected async decide(complaint: ComplaintDto, uphold: boolean): Promise<void> {
    await this.runWithReason(complaint.id, 'procurement.office.decided', (reason) =>
      this.api.invoke(evaluationDecide, { id: complaint.id, body: { uphold, reason } }),
    );
  }
}
