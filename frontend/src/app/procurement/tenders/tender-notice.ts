import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { BusyButton } from '../../shared/busy-button';
import { evaluationContractOfTender } from '../../api/fn/evaluation/evaluation-contract-of-tender';
import { evaluationDraws } from '../../api/fn/evaluation/evaluation-draws';
import { evaluationResults } from '../../api/fn/evaluation/evaluation-results';
import { tendersAnswer } from '../../api/fn/tenders/tenders-answer';
import { tendersEnquiries } from '../../api/fn/tenders/tenders-enquiries';
import { tendersGet } from '../../api/fn/tenders/tenders-get';
import type { ContractDto, EnquiryDto, PanelDrawDto, ResultsDto, TenderDto } from '../../api/models';
import { AuthService } from '../../auth/auth.service';
import { BackLink } from '../../shared/back-link';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { AdminScopes } from '../../organizations/admin-scope';
import { FormActions } from '../../shared/form-actions';
import { action } from '../../shared/run-action';
import { reloadOn } from '../../shared/list-query';
import { routeParam } from '../../shared/route-param';
import { touchAll } from '../../shared/server-errors';
import { ReferenceData } from '../../shared/reference-data';
import { bpToPercentText } from '../../shared/money';
import { BID_COLORS, ProcurementLabels, TENDER_COLORS } from '../procurement-labels';
import { UserScopes } from '../../shared/scopes';
import { RESULTS_PUBLIC, tenderActions } from '../tender-actions';
import { TenderOffice } from './tender-office';
import { AttachmentList } from '../../shared/attachments/attachment-list';
import { CardsOnPhone } from '../../shared/cards-on-phone';
import { ErrorAlert } from '../../shared/error-alert';
import { FenPipe } from '../../shared/fen-pipe';
import { missingSubject } from '../../server-rendering';

const RESULT_COLUMNS: readonly I18nKey[] = [
  'procurement.results.rank',
  'procurement.results.organization',
  'procurement.results.price',
  'procurement.results.priceScore',
  'procurement.results.technical',
  'procurement.results.performance',
  'procurement.results.total',
  'procurement.results.status',
];
const MILESTONE_COLUMNS: readonly I18nKey[] = [
  'procurement.milestones.name',
  'procurement.milestones.share',
  'procurement.contract.amount',
  'procurement.contract.dueOn',
  'procurement.results.status',
];

/** A role's way in from the notice: its hint, and the link to its page of the tender. */
interface WayIn {
  testId: string;
  hint: I18nKey;
  page: 'bid' | 'evaluation';
  linkTestId: string;
  go: I18nKey;
}

/**
 * The public notice of a tender: terms, amendments, answered enquiries, then the results once
 * awarded and the contract once signed. The same page carries each role's way in: the street
 * office's console, the bid form link for organizations and the scoring link for evaluators.
 */
@Component({
  selector: 'app-tender-notice',
  imports: [
    BackLink,
    ErrorAlert,
    CardsOnPhone,
    DatePipe,
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzFormModule,
    NzInputModule,
    NzSpinModule,
    NzTagModule,
    TenderOffice,
    AttachmentList,
    FormActions,
    FenPipe,
    BusyButton,
  ],
  templateUrl: './tender-notice.html',
  styleUrls: ['../plain-list.css', './tender-notice.css'],
})
export class TenderNotice {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly adminScopes = inject(AdminScopes);
  private readonly scopes = inject(UserScopes);
  protected readonly ref = inject(ReferenceData);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = TENDER_COLORS;
  protected readonly bidColors = BID_COLORS;
  protected readonly percent = bpToPercentText;

  /** The headings of the results' columns and of the contract's milestones' (after their number). */
  protected readonly resultHeads = computed(() => RESULT_COLUMNS.map((key) => this.t(key)));
  protected readonly milestoneHeads = computed(() => ['#', ...MILESTONE_COLUMNS.map((key) => this.t(key))]);

  private readonly id = routeParam('id');
  protected readonly tender = signal<TenderDto | null>(null);
  protected readonly enquiries = signal<EnquiryDto[]>([]);
  protected readonly results = signal<ResultsDto | null>(null);
  protected readonly contract = signal<ContractDto | null>(null);
  /** The panel's random draws, public once the evaluation is over, so anyone can re-run them. */
  protected readonly draws = signal<PanelDrawDto[]>([]);
  protected readonly loader = action();
  private readonly missing = missingSubject();
  /** When the page last loaded: the deadlines are compared with it. */
  private readonly loadedAt = signal(Date.now());

  protected readonly isOfficer = computed(() => {
    const tender = this.tender();
    return !!tender && this.scopes.isOfficerOf(tender.streetId);
  });
  protected readonly actions = computed(() => {
    const tender = this.tender();
    if (!tender) return null;
    return tenderActions(
      { ...tender, standstillEndsAt: this.results()?.standstillEndsAt },
      {
        officer: this.isOfficer(),
        bidder: this.adminScopes.all().length > 0,
        evaluator: this.auth.roles().has('evaluator'),
      },
      this.loadedAt(),
    );
  });
  /** The bidder's and the evaluator's way in: a hint and the link to their page of the tender. */
  protected readonly waysIn = computed((): WayIn[] => {
    const actions = this.actions();
    if (!actions) return [];
    const bidder: WayIn = {
      testId: 'tender-bidder',
      hint: 'procurement.tender.bidderHint',
      page: 'bid',
      linkTestId: 'tender-bid-link',
      go: actions.bidder.includes('bid') ? 'procurement.tender.goBid' : 'procurement.tender.goComplain',
    };
    const evaluator: WayIn = {
      testId: 'tender-evaluator',
      hint: 'procurement.tender.evaluatorHint',
      page: 'evaluation',
      linkTestId: 'tender-evaluate-link',
      go: 'procurement.tender.goEvaluate',
    };
    return [...(actions.bidder.length ? [bidder] : []), ...(actions.evaluator.length ? [evaluator] : [])];
  });
  protected readonly communityNames = computed(() =>
    (this.tender()?.communityIds ?? []).map((id) => this.ref.regionName(id)).join('、'),
  );
  protected readonly answeredEnquiries = computed(() => this.enquiries().filter((e) => e.answer));
  protected readonly openEnquiries = computed(() => this.enquiries().filter((e) => !e.answer));

  /** The enquiry the officer is answering. */
  protected readonly answering = signal<string | null>(null);
  protected readonly answerForm = inject(NonNullableFormBuilder).group({
    answer: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(4000)]],
  });
  protected readonly answerAction = action();

  constructor() {
    this.ref.load().catch(() => undefined);
    reloadOn(this.id, (id) => this.load(id));
  }

  protected reload(): Promise<void> {
    return this.load(this.id());
  }

  protected async load(id: string | null): Promise<void> {
    if (!id) return;
    await this.loader.run(
      async () => {
        const [tender, enquiries] = await Promise.all([
          this.api.invoke(tendersGet, { id }),
          this.api.invoke(tendersEnquiries, { id }),
        ]);
        this.loadedAt.set(Date.now());
        this.tender.set(tender);
        this.enquiries.set(enquiries);
        const officer = this.scopes.isOfficerOf(tender.streetId);
        const [results, contract, draws] = await Promise.all([
          RESULTS_PUBLIC.has(tender.status) || (officer && tender.status === 'evaluating')
            ? this.api.invoke(evaluationResults, { id }).catch(() => null)
            : null,
          tender.status === 'contracted'
            ? this.api.invoke(evaluationContractOfTender, { id }).catch(() => null)
            : null,
          RESULTS_PUBLIC.has(tender.status) && !officer
            ? this.api.invoke(evaluationDraws, { id }).catch(() => [])
            : [],
        ]);
        this.results.set(results);
        this.contract.set(contract);
        this.draws.set(draws);
      },
      {
        onError: (err) => {
          this.tender.set(null);
          this.missing(err);
        },
      },
    );
  }

  protected startAnswer(enquiry: EnquiryDto): void {
    this.answering.set(enquiry.id);
    this.answerForm.reset();
  }

  protected async answer(enquiry: EnquiryDto): Promise<void> {
    const tender = this.tender();
    if (!tender || !touchAll(this.answerForm)) return;
    const body = { answer: this.answerForm.getRawValue().answer.trim() };
    const done = await this.answerAction.run(
      () => this.api.invoke(tendersAnswer, { id: tender.id, enquiryId: enquiry.id, body }),
      { toast: true, success: 'procurement.enquiries.answered' },
    );
    if (!done) return;
    const answered = done.value;
    this.enquiries.update((list) => list.map((e) => (e.id === answered.id ? answered : e)));
    this.answering.set(null);
  }
}
