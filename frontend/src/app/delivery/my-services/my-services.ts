import { Component, computed, inject } from '@angular/core';
import { Decision, DecisionRow } from '../../shared/decision';
import { ScoreForm, ScoreFormView } from '../../shared/score-form';
import { action } from '../../shared/run-action';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { ListFilters } from '../../shared/list-filters';
import { listOf, loadEach, loadMore } from '../../shared/list-of';
import { ListQuery, textParam } from '../../shared/list-query';
import { SearchSort } from '../../shared/search-sort';
import { LoadMore } from '../../shared/load-more';
import { ratingsEdit } from '../../api/fn/ratings/ratings-edit';
import { ratingsOfRecord } from '../../api/fn/ratings/ratings-of-record';
import { ratingsRate } from '../../api/fn/ratings/ratings-rate';
import { serviceRecordsConfirm } from '../../api/fn/service-records/service-records-confirm';
import { serviceRecordsDispute } from '../../api/fn/service-records/service-records-dispute';
import { serviceRecordsMyServices } from '../../api/fn/service-records/service-records-my-services';
import type { MyServiceDto, RateDto, RatingDto, ServiceRecordDto } from '../../api/models';
import { apiError } from '../../shared/api-error';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { ReferenceData } from '../../shared/reference-data';
import { DeliveryLabels, RESPONSE_COLORS, SCORES } from '../labels';
import { RatingView } from '../rating-scores';
import { RecordSummary } from '../record-summary';
import { RecordItem, RecordList } from '../record-list';
import { COMMENT_MAX } from '../record-form';
import { ratingEditable } from './my-ratings';
import { ErrorAlert } from '../../shared/error-alert';
import { BusyButton } from '../../shared/busy-button';
import { ifMatch } from '../../shared/etag';

/**
 * The services that list the resident as a beneficiary: confirm or dispute each, rate it (three
 * scores and a comment), change the rating for 7 days, and read the organization's reply.
 */
@Component({
  selector: 'app-my-services',
  imports: [
    BusyButton,
    ErrorAlert,
    NzCardModule,
    ListFilters,
    LoadMore,
    DecisionRow,
    RatingView,
    RecordItem,
    RecordList,
    RecordSummary,
    ScoreFormView,
    NzSpinModule,
    NzTagModule,
  ],
  templateUrl: './my-services.html',
  styleUrls: ['../../shared/page.css', './my-services.css'],
})
export class MyServices {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly ref = inject(ReferenceData);
  protected readonly label = inject(DeliveryLabels);
  protected readonly t = inject(I18n).t;
  protected readonly responseColors = RESPONSE_COLORS;

  private readonly me = computed(() => this.auth.user()?.id);

  /** The search, kept in the URL. */
  private readonly query = new ListQuery({ q: textParam() });
  protected readonly q = computed(() => this.query.value().q);
  protected readonly filters = new SearchSort(this.query, {
    name: 'my-services',
    words: 'delivery.services',
  });
  /** The services found, a page at a time, each with the rating I gave it. */
  protected readonly list = listOf(
    () => ({ q: this.q() }),
    ({ q }, cursor) => this.api.invoke(serviceRecordsMyServices, { ...(q ? { q } : {}), ...cursor }),
  );
  protected readonly records = computed(() => this.list().items());
  /** The rating I gave of each record shown, by record id (the list draws records as ServiceRecordDto). */
  private readonly given = computed(() => new Map(this.records().map((r) => [r.id, r.myRating])));
  /** Reading the list: busy, and why it failed. */
  protected readonly loader = action();
  /** Confirm, or dispute with a reason (which closes a rating being typed). */
  protected readonly decision = new Decision({
    kind: 'serviceRecord',
    testId: 'dispute',
    refuseTestId: 'service-dispute',
    refuse: 'delivery.services.dispute',
    reason: 'delivery.services.disputeReason',
    approve: { label: 'delivery.services.confirm', testId: 'service-confirm' },
    opened: () => this.rateForm.close(),
  });

  /** Rating a record (or changing its rating). */
  protected readonly rateForm = new ScoreForm({
    scores: SCORES,
    words: 'delivery.rate',
    commentMax: COMMENT_MAX,
    commentRule: 'delivery.form.tooLongText',
    id: 'rate',
    formTestId: 'rate-form',
    submitTestId: 'rate-submit',
    busy: (record) => this.rate.busyFor(record),
  });
  /** Saving a rating; its error (or the scores missing) shows in the rating form. */
  protected readonly rate = action();

  constructor() {
    this.ref.load().catch(() => undefined);
    loadEach(() => [this.list()], this.loader);
  }

  /** The next page of services, appended. */
  protected more(): Promise<void> {
    return loadMore(this.list(), this.loader);
  }

  protected myResponse(record: ServiceRecordDto) {
    return record.beneficiaries.find((b) => b.userId === this.me()) ?? null;
  }

  protected myRating(record: ServiceRecordDto): RatingDto | null {
    return this.given().get(record.id) ?? null;
  }

  protected editable(rating: RatingDto): boolean {
    return ratingEditable(rating, new Date());
  }

  protected async confirm(record: ServiceRecordDto): Promise<void> {
    const confirm = async () =>
      this.update(record.id, await this.api.invoke(serviceRecordsConfirm, { id: record.id }));
    await this.decision.decide(record.id, confirm, 'delivery.services.confirmed');
  }

  protected async sendDispute(record: ServiceRecordDto): Promise<void> {
    const dispute = async (reason: string) =>
      this.update(
        record.id,
        await this.api.invoke(serviceRecordsDispute, { id: record.id, body: { reason } }),
      );
    await this.decision.refuse(record.id, dispute, 'delivery.services.disputed');
  }

  /** The record shown changed in place (as the server now has it, or my rating as it now stands). */
  private update(id: string, change: Partial<MyServiceDto>): void {
    this.list().items.update((list) => list.map((r) => (r.id === id ? { ...r, ...change } : r)));
  }

  protected startRating(record: ServiceRecordDto): void {
    const mine = this.myRating(record);
    this.decision.close();
    this.rate.error.set(null);
    this.rateForm.open(record.id, mine);
  }

  protected async saveRating(record: ServiceRecordDto): Promise<void> {
    const body: RateDto | null = this.rateForm.scores();
    if (!body) {
      this.rate.error.set(this.t('delivery.rate.allScores'));
      return;
    }
    const mine = this.myRating(record);
    let stale = false;
    const done = await this.rate.run(
      () =>
        mine
          ? this.api.invoke(ratingsEdit, { id: mine.id, 'If-Match': ifMatch(mine.version), body })
          : this.api.invoke(ratingsRate, { recordId: record.id, body }),
      {
        key: record.id,
        success: mine ? 'delivery.rate.updated' : 'delivery.rate.saved',
        // Changed meanwhile (edited in another tab, replied to, moderated): show what it is now.
        onError: (err) => (stale = apiError(err)?.code === 'precondition.failed'),
      },
    );
    if (stale && mine) await this.reloadRating(record, mine.id);
    if (!done) return;
    this.update(record.id, { myRating: done.value });
    this.rateForm.close();
  }

  /** My rating of the record as it is now (changed meanwhile), found among the record's by its id. */
  private async reloadRating(record: ServiceRecordDto, id: string): Promise<void> {
    const list = await this.api.invoke(ratingsOfRecord, { recordId: record.id }).catch(() => null);
    const now = list?.find((r) => r.id === id);
    if (now) this.update(record.id, { myRating: now });
  }
}
