import { Injectable, inject } from '@angular/core';
import type { BidStatus, NeedStatus, ProcurementMethod, TenderStatus } from '../api/models';
import { I18n } from '../i18n/i18n.service';

export type ComplaintStatus = 'pending' | 'upheld' | 'dismissed';
export type TaskStatus = 'assigned' | 'refused';

/** The procurement enums in the user's language. */
@Injectable({ providedIn: 'root' })
export class ProcurementLabels {
  private readonly t = inject(I18n).t;

  tenderStatus(status: TenderStatus): string {
    return this.t(`procurement.tenderStatus.${status}`);
  }

  method(method: ProcurementMethod): string {
    return this.t(`procurement.method.${method}`);
  }

  needStatus(status: NeedStatus): string {
    return this.t(`procurement.needStatus.${status}`);
  }

  bidStatus(status: BidStatus | string): string {
    return BID_STATUSES.has(status as BidStatus)
      ? this.t(`procurement.bidStatus.${status as BidStatus}`)
      : status;
  }

  complaintStatus(status: ComplaintStatus): string {
    return this.t(`procurement.complaintStatus.${status}`);
  }

  taskStatus(status: TaskStatus): string {
    return this.t(`procurement.taskStatus.${status}`);
  }

  /** A contract milestone's status; one this page does not know yet is shown as the server sent it. */
  milestoneStatus(status: string): string {
    return status === 'planned' || status === 'paid'
      ? this.t(`procurement.milestoneStatus.${status}`)
      : status;
  }
}

const BID_STATUSES = new Set<BidStatus>([
  'submitted',
  'withdrawn',
  'opened',
  'qualified',
  'disqualified',
  'awarded',
  'not_awarded',
]);

export const TENDER_COLORS: Record<TenderStatus, string> = {
  draft: 'default',
  published: 'blue',
  evaluating: 'purple',
  awarded: 'cyan',
  standstill: 'orange',
  contracted: 'green',
  cancelled: 'default',
  unsuccessful: 'red',
};

export const NEED_COLORS: Record<NeedStatus, string> = {
  open: 'blue',
  accepted: 'green',
  declined: 'default',
  addressed: 'purple',
};

export const BID_COLORS: Record<string, string> = {
  submitted: 'blue',
  withdrawn: 'default',
  opened: 'purple',
  qualified: 'purple',
  disqualified: 'red',
  awarded: 'green',
  not_awarded: 'default',
};

export const COMPLAINT_COLORS: Record<ComplaintStatus, string> = {
  pending: 'orange',
  upheld: 'green',
  dismissed: 'default',
};
