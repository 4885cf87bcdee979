import { Component, computed, inject, signal } from '@angular/core';
import { Api } from '../../api/api';
import { serviceRecordsApprove } from '../../api/fn/service-records/service-records-approve';
import { serviceRecordsCorrect } from '../../api/fn/service-records/service-records-correct';
import { serviceRecordsList } from '../../api/fn/service-records/service-records-list';
import { serviceRecordsReject } from '../../api/fn/service-records/service-records-reject';
import type { RecordStatus, ServiceRecordDto } from '../../api/models';
import type { ServiceRecordsList$Params } from '../../api/fn/service-records/service-records-list';
import { RECORD_LIST_SORT } from '../../api/models/record-list-sort-array';
import { I18n } from '../../i18n/i18n.service';
import { ServerErrors, touchAll } from '../../shared/server-errors';
import { MyProjects, ProjectHead } from '../project-head';
import { RecordSummary } from '../record-summary';
import { RecordItem, RecordList } from '../record-list';
import { RecordFields } from '../record-fields/record-fields';
import { fromRecord, recordForm, toLogBody } from '../record-form';
import { reasonForm } from '../../shared/reason-rules';
import { reasonField } from '../../shared/reason-field';
import { Decision, DecisionRow } from '../../shared/decision';
import { FormActions } from '../../shared/form-actions';
import { FORM_CARDS } from '../../shared/form-cards';
import { action } from '../../shared/run-action';
import { ListFilters } from '../../shared/list-filters';
import { SearchSort } from '../../shared/search-sort';
import { Segmented } from '../../shared/segmented';
import { ListQuery, type QueryValues, oneOfParam, reloadOn, textParam } from '../../shared/list-query';
import { LoadMore } from '../../shared/load-more';
import { listOf, loadEach, loadMore } from '../../shared/list-of';
import { ErrorAlert } from '../../shared/error-alert';

export type QueueStatus = Extract<RecordStatus, 'submitted' | 'approved'>;
const QUEUE_STATUSES: readonly QueueStatus[] = ['submitted', 'approved'];

/** The queue's tab, search and sort as the URL keeps them (oldest first: the longest waiting on top). */
const QUEUE_URL = {
  status: oneOfParam(QUEUE_STATUSES, 'submitted'),
  q: textParam(),
  sort: oneOfParam(RECORD_LIST_SORT, 'oldest'),
};
type QueuePicks = QueryValues<typeof QUEUE_URL> & { projectId: string | null };

/** The query parameters of GET /projects/:id/records for the queue's picks and page. */
export const queueParams = (
  { projectId, status, q, sort }: QueuePicks & { projectId: string },
  cursor?: string,
): ServiceRecordsList$Params => ({
  projectId,
  status,
  sort,
  ...(q ? { q } : {}),
  ...(cursor ? { cursor } : {}),
});

/**
 * The project lead's queue: the team's submitted records to approve or reject (with a reason), and
 * the approved ones, which are corrected by reversal and a new record (with a reason).
 */
@Component({
  selector: 'app-record-approvals',
  imports: [
    ErrorAlert,
    FORM_CARDS,
    DecisionRow,
    FormActions,
    ListFilters,
    LoadMore,
    Segmented,
    ProjectHead,
    RecordFields,
    RecordItem,
    RecordList,
    RecordSummary,
  ],
  templateUrl: './record-approvals.html',
  styleUrls: ['../../shared/page.css', './record-approvals.css'],
})
export class RecordApprovals {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  /** Only the projects the caller leads: the lead alone decides on records. */
  protected readonly mine = new MyProjects(
    { keep: (p) => p.isLead, none: 'delivery.approvals.notLead' },
    (message) => this.error.set(message),
  );
  protected readonly selected = this.mine.selected;
  /** The communities a correction may name. */
  protected readonly communities = this.mine.communities;
  /** The tab, search and sort, kept in the URL (Back from the project's page returns to them). */
  protected readonly query = new ListQuery(QUEUE_URL);
  protected readonly picked = this.query.value;
  protected readonly status = computed(() => this.picked().status);
  protected readonly filters = new SearchSort(this.query, {
    name: 'approvals',
    words: 'delivery.approvals',
    sorts: RECORD_LIST_SORT,
  });
  /** What the tab says when it lists nothing. */
  protected readonly emptyWords = computed(() =>
    this.picked().q
      ? 'delivery.approvals.noMatch'
      : this.status() === 'submitted'
        ? 'delivery.approvals.emptySubmitted'
        : 'delivery.approvals.emptyApproved',
  );
  protected readonly statusOptions = computed(() =>
    QUEUE_STATUSES.map((value) => ({ label: this.t(`delivery.approvals.${value}`), value })),
  );

  /** The chosen project's records of the tab and search, a page at a time (none without a project). */
  protected readonly records = listOf(
    computed<QueuePicks>(() => ({ ...this.picked(), projectId: this.selected() })),
    ({ projectId, ...picks }, { cursor }) =>
      projectId
        ? this.api.invoke(serviceRecordsList, queueParams({ ...picks, projectId }, cursor))
        : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly loader = action();
  protected readonly loadMore = loadMore;
  protected readonly error = signal<string | null>(null);
  /** Approve, or reject with a reason (which closes a correction being typed). */
  protected readonly decision = new Decision({
    kind: 'serviceRecord',
    testId: 'record-reject',
    refuse: 'delivery.approvals.reject',
    reason: 'delivery.approvals.rejectReason',
    approve: { label: 'delivery.approvals.approve', testId: 'record-approve' },
    opened: () => this.correcting.set(null),
  });

  /** The approved record being corrected. */
  protected readonly correcting = signal<string | null>(null);
  private readonly errors = new ServerErrors(this.t);
  protected readonly correction = recordForm();
  /** Why the record is corrected (its own group: the record's form is the one logging takes). */
  protected readonly correctionNote = reasonForm('serviceRecord');
  protected readonly correctionFields = [
    reasonField('serviceRecord', { id: 'correction-reason', label: 'delivery.correction.reason' }),
  ];
  /** Saving a correction; its error shows in the correction form. */
  protected readonly correctionSave = action();

  constructor() {
    this.errors.watch(this.correction.controls);
    loadEach(() => [this.records()], this.loader);
    // A new list (another project, tab or search) closes what was open on the last one.
    reloadOn(this.records, () => {
      this.decision.close();
      this.correcting.set(null);
    });
  }

  protected async approve(record: ServiceRecordDto): Promise<void> {
    const approve = () => this.api.invoke(serviceRecordsApprove, { id: record.id });
    if (await this.decision.decide(record.id, approve, 'delivery.approvals.done')) this.drop(record);
  }

  protected async reject(record: ServiceRecordDto): Promise<void> {
    const reject = (reason: string) =>
      this.api.invoke(serviceRecordsReject, { id: record.id, body: { reason } });
    if (await this.decision.refuse(record.id, reject, 'delivery.approvals.rejected')) this.drop(record);
  }

  protected startCorrection(record: ServiceRecordDto): void {
    this.decision.close();
    this.correctionSave.error.set(null);
    this.correction.reset(fromRecord(record));
    this.correctionNote.reset();
    this.correcting.set(record.id);
  }

  /** Reverses the approved record and logs the corrected one in its place (submitted again). */
  protected async correct(record: ServiceRecordDto): Promise<void> {
    const formValid = touchAll(this.correction);
    if (!touchAll(this.correctionNote) || !formValid) return;
    const done = await this.correctionSave.run(
      () =>
        this.api.invoke(serviceRecordsCorrect, {
          id: record.id,
          body: {
            ...toLogBody(this.correction.getRawValue()),
            reason: this.correctionNote.getRawValue().reason.trim(),
          },
        }),
      {
        key: record.id,
        success: 'delivery.correction.done',
        onError: (err) => this.errors.apply(err, this.correction.controls),
      },
    );
    if (!done) return;
    this.drop(record);
    this.correcting.set(null);
  }

  /** A record decided or corrected leaves the tab. */
  private drop(record: ServiceRecordDto): void {
    this.records().items.update((list) => list.filter((r) => r.id !== record.id));
  }

  protected setStatus(status: QueueStatus): void {
    this.query.set({ status });
  }
}
