import { Injectable, inject } from '@angular/core';
import type { ActivityType, BeneficiaryDto, RatingDto, RecordStatus } from '../api/models';
import { I18n } from '../i18n/i18n.service';

export type BeneficiaryResponse = BeneficiaryDto['response'];
export type Moderation = RatingDto['moderation'];

/** The three scores of a rating, 1–5 each. */
export const SCORES = ['attitude', 'professionalism', 'effect'] as const;
export type Score = (typeof SCORES)[number];

/** The three scores community staff give when they accept a milestone (验收评价), 1–5 each. */
export const ACCEPTANCE_SCORES = ['quality', 'timeliness', 'cooperation'] as const;
export type AcceptanceScore = (typeof ACCEPTANCE_SCORES)[number];

/** The delivery enums in the user's language, and the tag colours they show in. */
@Injectable({ providedIn: 'root' })
export class DeliveryLabels {
  private readonly t = inject(I18n).t;

  activity(type: ActivityType): string {
    return this.t(`delivery.activity.${type}`);
  }

  status(status: RecordStatus): string {
    return this.t(`delivery.status.${status}`);
  }

  response(response: BeneficiaryResponse): string {
    return this.t(`delivery.response.${response}`);
  }

  /** Project and milestone statuses are plain strings in the API: unknown ones show as they are. */
  projectStatus(status: string): string {
    return status === 'active' || status === 'completed'
      ? this.t(`delivery.projectStatus.${status}`)
      : status;
  }

  milestoneStatus(status: string): string {
    return status === 'planned' || status === 'paid' ? this.t(`delivery.milestoneStatus.${status}`) : status;
  }

  moderation(moderation: Moderation): string {
    return this.t(`delivery.commentState.${moderation}`);
  }
}

export const RECORD_COLORS: Record<RecordStatus, string> = {
  submitted: 'orange',
  approved: 'green',
  rejected: 'red',
  reversed: 'default',
};

export const RESPONSE_COLORS: Record<BeneficiaryResponse, string> = {
  pending: 'default',
  confirmed: 'green',
  disputed: 'red',
};

/** Yuan from the API's fen, for display. */
export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
