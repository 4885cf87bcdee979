import { Injectable, inject } from '@angular/core';
import type {
  CreditStatus,
  MemberStatus,
  ObjectionStatus,
  OrganizationStatus,
  OrganizationStatusAction,
  OrganizationType,
  QualificationLevel,
} from '../api/models';
import { I18n } from '../i18n/i18n.service';

export type ResidentRequestStatus = 'pending' | 'verified' | 'refused';

/** The API's enum values in the user's language, and the tag colours the pages show them in. */
@Injectable({ providedIn: 'root' })
export class Labels {
  private readonly t = inject(I18n).t;

  orgType(type: OrganizationType): string {
    return this.t(`orgType.${type}`);
  }

  orgStatus(status: OrganizationStatus): string {
    return this.t(`orgStatus.${status}`);
  }

  orgStatusHelp(status: OrganizationStatus): string {
    return this.t(`orgStatusHelp.${status}`);
  }

  action(action: OrganizationStatusAction): string {
    return this.t(`orgAction.${action}`);
  }

  credit(status: CreditStatus): string {
    return this.t(`credit.${status}`);
  }

  objection(status: ObjectionStatus): string {
    return this.t(`objectionStatus.${status}`);
  }

  qualification(level: QualificationLevel): string {
    return this.t(`qualification.${level}`);
  }

  memberStatus(status: MemberStatus): string {
    return this.t(`memberStatus.${status}`);
  }

  residentStatus(status: ResidentRequestStatus): string {
    return this.t(`residentStatus.${status}`);
  }
}

export const STATUS_COLORS: Record<OrganizationStatus, string> = {
  pending: 'orange',
  verified: 'green',
  suspended: 'red',
  deregistered: 'default',
};

export const CREDIT_COLORS: Record<CreditStatus, string> = {
  normal: 'green',
  abnormal: 'orange',
  serious: 'red',
};

export const REQUEST_COLORS: Record<ResidentRequestStatus | MemberStatus, string> = {
  pending: 'orange',
  invited: 'orange',
  verified: 'green',
  active: 'green',
  refused: 'red',
  declined: 'default',
  removed: 'default',
};
