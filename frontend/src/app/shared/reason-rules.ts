import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { I18n } from '../i18n/i18n.service';

/**
 * How long each kind of reason may be: the API's limits (the `@MinLength`/`@MaxLength` or
 * `@TextField` of its DTOs, named here), so the form refuses what the server would.
 */
export const REASON_RULES = {
  /** service-records RejectDto, CorrectionDto, DisputeDto */
  serviceRecord: { min: 2, max: 1000 },
  /** disbursements DisbursementRejectDto */
  disbursement: { min: 2, max: 1000 },
  /** people DecisionDto (a refused resident) */
  residentRefusal: { min: 2, max: 500 },
  /** volunteers ObjectionDto */
  objection: { min: 5, max: 1000 },
  /** volunteers ResolutionDto */
  resolution: { min: 2, max: 1000 },
  /** participatory SubmissionEligibilityDto */
  eligibility: { min: 2, max: 1000 },
  /** grants RevokeGrantDto */
  grantRevoke: { min: 2, max: 500 },
  /** needs TriageDto (a declined need) */
  needDecline: { min: 2, max: 500 },
  /** organizations ObjectionDto (an organization objecting to its credit listing) */
  creditObjection: { min: 5, max: 2000 },
  /** tenders ReasonDto (cancelling a tender), evaluation DisqualifyDto */
  tenderStep: { min: 2, max: 1000 },
  /** evaluation ComplaintDecisionDto */
  complaintDecision: { min: 2, max: 4000 },
} as const;

export type ReasonKind = keyof typeof REASON_RULES;

/** A required reason control with its kind's limits. */
export const reasonControl = (kind: ReasonKind) =>
  new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.minLength(REASON_RULES[kind].min),
      Validators.maxLength(REASON_RULES[kind].max),
    ],
  });

/** The form group `ReasonForm` edits. */
export const reasonForm = (kind: ReasonKind) => new FormGroup({ reason: reasonControl(kind) });

/** What a reason of this kind must be, in the user's language. */
export const reasonRule = (kind: ReasonKind, t: I18n['t']) =>
  t('form.reasonRule', { min: '' + REASON_RULES[kind].min, max: '' + REASON_RULES[kind].max });
