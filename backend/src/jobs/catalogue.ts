/**
 * The job catalogue: every background job, its queue and its payload type, declared once and
 * shared by the API (which enqueues) and the workers (which must handle every entry).
 */
export const QUEUES = ['mail', 'tenders', 'scoring', 'payments', 'exports', 'documents'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Welcomes a user and mails a link that verifies the address (minted by the worker: the token exists only in the mail). */
  'mail.verify_email': { userId: string; requestId: string };
  /** Mails a one-time link that sets a new password (minted by the worker, like the verification link). */
  'mail.password_reset': { userId: string; requestId: string };
  /** Tells the owner of an address that someone tried to register with it (registration answers the same either way). */
  'mail.registration_attempt': { userId: string; requestId: string };
  /** Tells the bidders of a tender about an amendment. */
  'mail.tender_amended': { tenderId: string; amendmentId: string };
  /** Tells a person of a role granted to them, with a link to set their password while their address is unverified. */
  'mail.role_granted': { grantId: string };
  /** Deletes mailed links' rows long expired (daily). */
  'mail.purge_links': Record<string, never>;
  /** Sends the e-mail of one notification (retried with backoff; a permanent failure is recorded on the notification). */
  'notification.email': { notificationId: string };
  /** Reminds the bidders 24 h before the bid deadline it was scheduled for (a moved deadline makes it a no-op). */
  'notification.deadline_near': { tenderId: string; deadline: string };
  /** Closes bidding at the deadline it was scheduled for (a later deadline makes it a no-op). */
  'tender.close': { tenderId: string; deadline: string };
  /** Recomputes one organization's score shortly after its events (debounced per organization). */
  'scoring.recompute_org': { organizationId: string };
  /** Recomputes every organization's score (nightly). */
  'scoring.recompute_all': Record<string, never>;
  /** Pays one attempt of an approved Stripe disbursement: one transfer, keyed by disbursement and attempt. */
  'payout.transfer': { disbursementId: string; attempt: number };
  /** Compares the provider's transfers with the disbursements and the ledger; heals a lost commit (daily). */
  'payments.reconcile': Record<string, never>;
  /** Deletes the Idempotency-Keys past their 24 h (daily); an expired key is already claimable before that. */
  'idempotency.purge': Record<string, never>;
  /** Builds one requested export's file (CSV or XLSX), streaming rows in batches and reporting progress. */
  'export.build': { exportId: string };
  /** Deletes the files of expired exports (daily). */
  'exports.cleanup': Record<string, never>;
  /** Rewrites the OCDS bulk download (every release, gzip JSON lines), nightly and shortly after releases are published (debounced). */
  'ocds.bulk_build': Record<string, never>;
  /** Sends a quarantined document's bytes to the virus scanner (clamd) and records clean or infected. */
  'documents.scan': { documentId: string };
}
export type JobName = keyof JobPayloads;

export const QUEUE_OF: { [N in JobName]: QueueName } = {
  'mail.verify_email': 'mail',
  'mail.password_reset': 'mail',
  'mail.registration_attempt': 'mail',
  'mail.tender_amended': 'mail',
  'mail.role_granted': 'mail',
  'mail.purge_links': 'mail',
  'notification.email': 'mail',
  'notification.deadline_near': 'tenders',
  'tender.close': 'tenders',
  'scoring.recompute_org': 'scoring',
  'scoring.recompute_all': 'scoring',
  'payout.transfer': 'payments',
  'payments.reconcile': 'payments',
  'idempotency.purge': 'payments',
  'export.build': 'exports',
  'exports.cleanup': 'exports',
  'ocds.bulk_build': 'exports',
  'documents.scan': 'documents',
};

export const JOB_NAMES = Object.keys(QUEUE_OF) as JobName[];

/** A handler for each job; a missing entry fails to compile, and the workers check again at boot. */
export type JobHandlers = {
  [N in JobName]: (payload: JobPayloads[N], meta: { jobId: string; attempt: number }) => Promise<void>;
};
