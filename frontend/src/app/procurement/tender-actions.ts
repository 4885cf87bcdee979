import type { TenderStatus } from '../api/models';

/** What the purchasing street office may do with its tender. */
export type OfficerAction =
  | 'edit'
  | 'publish'
  | 'amend'
  | 'answer'
  | 'panel'
  | 'disqualify'
  | 'award'
  | 'complaints'
  | 'contract'
  | 'cancel';
/** What an organization admin may do on a tender. */
export type BidderAction = 'bid' | 'ask' | 'complain';
/** What an evaluator may do. */
export type EvaluatorAction = 'evaluate';

/**
 * The server's tender state machine as buttons: each status offers only the steps the server would
 * accept from it (draft → published → evaluating → awarded → standstill → contracted; cancel from
 * any live status). The server keeps the last word (409 state.invalid_transition).
 */
export const OFFICER_ACTIONS: Record<TenderStatus, readonly OfficerAction[]> = {
  draft: ['edit', 'publish', 'cancel'],
  published: ['amend', 'answer', 'panel', 'cancel'],
  evaluating: ['answer', 'panel', 'disqualify', 'award', 'cancel'],
  awarded: ['cancel'],
  standstill: ['complaints', 'contract', 'cancel'],
  contracted: [],
  cancelled: [],
  unsuccessful: [],
};

export interface TenderTimes {
  status: TenderStatus;
  bidDeadline: string;
  enquiryDeadline: string;
  /** From the results, once awarded. */
  standstillEndsAt?: string | null;
}

export interface Viewer {
  /** A street officer of the tender's street. */
  officer: boolean;
  /** Administers at least one organization. */
  bidder: boolean;
  evaluator: boolean;
}

export interface TenderActions {
  officer: readonly OfficerAction[];
  bidder: readonly BidderAction[];
  evaluator: readonly EvaluatorAction[];
}

const before = (iso: string | null | undefined, now: number) => !!iso && now < new Date(iso).getTime();

/** The actions each of the viewer's hats offers on a tender right now. */
export function tenderActions(tender: TenderTimes, viewer: Viewer, now = Date.now()): TenderActions {
  const bidder: BidderAction[] = [];
  if (viewer.bidder && tender.status === 'published' && before(tender.bidDeadline, now)) {
    bidder.push('bid');
    if (before(tender.enquiryDeadline, now)) bidder.push('ask');
  }
  if (viewer.bidder && tender.status === 'standstill' && before(tender.standstillEndsAt, now))
    bidder.push('complain');
  return {
    officer: viewer.officer ? OFFICER_ACTIONS[tender.status] : [],
    bidder,
    evaluator: viewer.evaluator && tender.status === 'evaluating' ? ['evaluate'] : [],
  };
}

/** Statuses whose results (ranking, scores) the public may read. */
export const RESULTS_PUBLIC: ReadonlySet<TenderStatus> = new Set(['awarded', 'standstill', 'contracted']);
