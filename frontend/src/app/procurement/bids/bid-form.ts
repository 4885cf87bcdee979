import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { Component, computed, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { type FormGroup, FormsModule, NonNullableFormBuilder, Validators } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { BusyButton } from '../../shared/busy-button';
import { bidsMine } from '../../api/fn/bids/bids-mine';
import { bidsSubmit } from '../../api/fn/bids/bids-submit';
import { bidsVerify } from '../../api/fn/bids/bids-verify';
import { bidsWithdraw } from '../../api/fn/bids/bids-withdraw';
import { evaluationComplain } from '../../api/fn/evaluation/evaluation-complain';
import { evaluationComplaints } from '../../api/fn/evaluation/evaluation-complaints';
import { evaluationResults } from '../../api/fn/evaluation/evaluation-results';
import { peopleMembers } from '../../api/fn/people/people-members';
import { tendersAsk } from '../../api/fn/tenders/tenders-ask';
import { tendersGet } from '../../api/fn/tenders/tenders-get';
import type {
  BidDto,
  ComplaintDto,
  MemberDto,
  ReceiptCheckDto,
  ReceiptDto,
  ResultsDto,
  TenderDto,
} from '../../api/models';
import { BackLink } from '../../shared/back-link';
import { I18n } from '../../i18n/i18n.service';
import type { I18nKey } from '../../i18n/zh-CN';
import { AdminScopes, type AdminScope } from '../../organizations/admin-scope';
import { touchAll } from '../../shared/server-errors';
import { action } from '../../shared/run-action';
import { errorCode } from '../../shared/api-error';
import { ineligibleReasons } from '../errors';
import { formatFen, yuanToFen, yuanValidator } from '../../shared/money';
import { BID_COLORS, COMPLAINT_COLORS, ProcurementLabels } from '../procurement-labels';
import { tenderActions } from '../tender-actions';
import { Confirm, provideConfirm } from '../../shared/confirm';
import { withdrawConsequence } from '../confirmations';
import { allPages } from '../../shared/pages';
import { AttachmentList } from '../../shared/attachments/attachment-list';
import { AttachmentUpload, type AttachmentState } from '../../shared/attachments/attachment-upload';
import type { ListedDocument } from '../../shared/attachments/attachments';
import { FORM_CARDS } from '../../shared/form-cards';
import { reloadOn } from '../../shared/list-query';
import type { Field } from '../../shared/form-fields';
import { kpiFields } from '../kpi-fields';
import { ErrorAlert } from '../../shared/error-alert';
import { InlineForm, type InlineFormSpec } from '../inline-form';
import { offeredOrFirst } from '../../shared/choice-select';
import { FenPipe } from '../../shared/fen-pipe';

/**
 * An organization's side of a tender: the sealed bid (price in yuan, proposal, team from its active
 * members, offered KPIs), its SHA-256 receipt to keep and verify, withdrawal before the deadline
 * (then a new bid), enquiries before the enquiry deadline and a complaint during the standstill.
 */

@Component({
  selector: 'app-bid-form',
  imports: [
    BackLink,
    ErrorAlert,
    FORM_CARDS,
    DatePipe,
    FormsModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzTagModule,
    AttachmentUpload,
    AttachmentList,
    FenPipe,
    InlineForm,
    BusyButton,
  ],
  providers: [provideConfirm()],
  templateUrl: './bid-form.html',
  styleUrls: ['../../shared/column-page.css', '../plain-list.css', './bid-form.css'],
})
export class BidForm {
  private readonly api = inject(Api);
  private readonly clipboard = inject(Clipboard);
  private readonly message = inject(NzMessageService);
  private readonly confirm = inject(Confirm);
  private readonly scopes = inject(AdminScopes);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly memberName = (m: MemberDto) => m.displayName ?? m.invitedEmail ?? m.invitedPhone ?? m.id;
  protected readonly bidColors = BID_COLORS;
  protected readonly complaintColors = COMPLAINT_COLORS;

  private readonly tenderId = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly organizations = this.scopes.all;
  protected readonly orgId = linkedSignal<AdminScope[], string | null>({
    source: this.scopes.all,
    computation: (all, previous) => offeredOrFirst(previous?.value ?? this.scopes.selectedId(), all),
  });

  protected readonly tender = signal<TenderDto | null>(null);
  protected readonly results = signal<ResultsDto | null>(null);
  protected readonly bids = signal<BidDto[]>([]);
  protected readonly members = signal<MemberDto[]>([]);
  protected readonly complaints = signal<ComplaintDto[]>([]);
  /** Reads the tender, the organization's bids and its members; their failure above the page. */
  protected readonly loader = action();
  private readonly loadedAt = signal(Date.now());

  /** My organization's bids on this tender, newest first; the live one (if any) decides the form. */
  protected readonly myBids = computed(() =>
    this.bids()
      .filter((b) => b.organizationId === this.orgId())
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)),
  );
  protected readonly liveBid = computed(() => this.myBids().find((b) => b.status !== 'withdrawn') ?? null);
  protected readonly activeMembers = computed(() => this.members().filter((m) => m.status === 'active'));
  protected readonly actions = computed(() => {
    const tender = this.tender();
    if (!tender) return [];
    return tenderActions(
      { ...tender, standstillEndsAt: this.results()?.standstillEndsAt },
      { officer: false, bidder: true, evaluator: false },
      this.loadedAt(),
    ).bidder;
  });
  protected readonly can = (action: 'bid' | 'ask' | 'complain') => this.actions().includes(action);

  /** Bid files to attach: clean documents, and whether some are still uploading or being scanned. */
  protected readonly files = signal<AttachmentState>({ documentIds: [], busy: false });
  private readonly filePicker = viewChild(AttachmentUpload);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    price: ['', [Validators.required, yuanValidator]],
    proposal: ['', [Validators.required, Validators.minLength(20), Validators.maxLength(50000)]],
    team: this.fb.control<string[]>([]),
    serviceHours: this.fb.control<number | null>(null, [Validators.required, Validators.min(0)]),
    beneficiaries: this.fb.control<number | null>(null, [Validators.required, Validators.min(0)]),
    minSatisfaction: this.fb.control<number | null>(null, [
      Validators.required,
      Validators.min(1),
      Validators.max(5),
    ]),
  });
  protected readonly bidFields: readonly Field[] = [
    {
      name: 'price',
      id: 'bid-price',
      label: 'procurement.bid.price',
      kind: 'money',
      required: true,
      rule: 'procurement.money.rule',
      help: () =>
        this.t('procurement.bid.priceHelp', { ceiling: formatFen(this.tender()?.budgetCeilingFen ?? 0) }),
      testId: 'bid-price-input',
    },
    {
      name: 'proposal',
      id: 'bid-proposal',
      label: 'procurement.bid.proposal',
      kind: 'textarea',
      rows: 5,
      required: true,
      rule: 'procurement.bid.proposalRule',
      testId: 'bid-proposal',
    },
    {
      name: 'team',
      id: 'bid-team',
      label: 'procurement.bid.team',
      kind: 'select',
      multiple: true,
      options: () => this.activeMembers().map((m) => ({ value: m.id, label: this.memberName(m) })),
      placeholder: 'form.choose',
      help: 'procurement.bid.teamHelp',
      testId: 'bid-team',
    },
  ];
  protected readonly kpis = kpiFields('bid');
  protected readonly submitting = action();
  protected readonly ineligible = signal<string[]>([]);
  /** The receipt of the bid just submitted: only this answer carries the hashed document. */
  protected readonly receipt = signal<ReceiptDto | null>(null);

  protected readonly verifyHash = signal('');
  protected readonly verification = signal<ReceiptCheckDto | null>(null);
  /** Verifying, withdrawing, asking and complaining, busy per step; a failure in a toast. */
  protected readonly step = action();

  protected readonly question = this.fb.group({
    text: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(2000)]],
  });
  protected readonly complaint = this.fb.group({
    reason: ['', [Validators.required, Validators.minLength(5), Validators.maxLength(4000)]],
  });
  protected readonly asking: InlineFormSpec = {
    form: this.question,
    submit: 'procurement.enquiries.send',
    testId: 'bid-ask',
    fields: [
      {
        name: 'text',
        id: 'bid-question',
        label: 'procurement.enquiries.question',
        kind: 'textarea',
        rows: 2,
        required: true,
        rule: 'procurement.enquiries.questionRule',
        help: 'procurement.enquiries.askHelp',
        testId: 'bid-question',
      },
    ],
  };
  protected readonly complaining: InlineFormSpec = {
    form: this.complaint,
    submit: 'procurement.complaints.lodge',
    testId: 'bid-complain',
    danger: true,
    fields: [
      {
        name: 'reason',
        id: 'bid-complaint',
        label: 'procurement.complaints.reason',
        kind: 'textarea',
        required: true,
        rule: 'procurement.complaints.reasonRule',
        testId: 'bid-complaint-reason',
      },
    ],
  };

  constructor() {
    void this.loader.run(() => this.load());
    reloadOn(this.orgId, (orgId) => this.loadMembers(orgId));
  }

  private async load(): Promise<void> {
    const [tender, bids] = await Promise.all([
      this.api.invoke(tendersGet, { id: this.tenderId }),
      this.api.invoke(bidsMine, { tenderId: this.tenderId }),
    ]);
    this.loadedAt.set(Date.now());
    this.tender.set(tender);
    this.bids.set(bids);
    const live = bids.find((b) => b.status !== 'withdrawn');
    this.verifyHash.set(live?.receiptHash ?? '');
    this.form.patchValue({
      serviceHours: tender.kpis.serviceHours,
      beneficiaries: tender.kpis.beneficiaries,
      minSatisfaction: tender.kpis.minSatisfaction,
    });
    if (['standstill', 'contracted', 'awarded'].includes(tender.status)) {
      const [results, complaints] = await Promise.all([
        this.api.invoke(evaluationResults, { id: this.tenderId }).catch(() => null),
        this.api.invoke(evaluationComplaints, { id: this.tenderId }).catch(() => [] as ComplaintDto[]),
      ]);
      this.results.set(results);
      this.complaints.set(complaints);
    }
  }

  private async loadMembers(orgId: string | null): Promise<void> {
    this.members.set([]);
    this.form.controls.team.setValue([]);
    if (!orgId) return;
    try {
      const members = await allPages(this.api, peopleMembers, { orgId });
      if (orgId === this.orgId()) this.members.set(members);
    } catch (err) {
      this.loader.fail(err);
    }
  }

  /** A bid's files; sealed (unreadable by anyone) while bidding is open. */
  protected sealedFiles(bid: BidDto): ListedDocument[] {
    const sealed = this.tender()?.status === 'published';
    return bid.documents.map((d) => ({ ...d, sealed }));
  }

  protected async submit(): Promise<void> {
    const organizationId = this.orgId();
    if (!organizationId || !touchAll(this.form)) return;
    if (this.files().busy) {
      this.submitting.error.set(this.t('attachments.busy'));
      return;
    }
    const v = this.form.getRawValue();
    const documentIds = this.files().documentIds;
    this.ineligible.set([]);
    const done = await this.submitting.run(
      () =>
        this.api.invoke(bidsSubmit, {
          tenderId: this.tenderId,
          body: {
            organizationId,
            priceFen: yuanToFen(v.price) ?? 0,
            proposal: v.proposal.trim(),
            team: v.team,
            offeredKpis: {
              serviceHours: v.serviceHours ?? 0,
              beneficiaries: v.beneficiaries ?? 0,
              minSatisfaction: v.minSatisfaction ?? 0,
            },
            ...(documentIds.length ? { documentIds } : {}),
          },
        }),
      { success: 'procurement.bid.submitted', handle: (err) => this.refusedBid(err) },
    );
    if (!done) return;
    const { bid, receipt } = done.value;
    this.filePicker()?.clear();
    this.bids.update((list) => [bid, ...list.filter((b) => b.id !== bid.id)]);
    this.receipt.set(receipt);
    this.verifyHash.set(receipt.hash);
    this.verification.set(null);
  }

  /** An organization not eligible hears why; a bid after the deadline, that bidding closed. */
  private refusedBid(err: unknown): boolean {
    const code = errorCode(err);
    if (code === 'organization.ineligible') this.ineligible.set(ineligibleReasons(err));
    if (code !== 'tender.closed') return false;
    this.submitting.error.set(this.t('procurement.bid.closed'));
    return true;
  }

  protected copyHash(hash: string): void {
    if (this.clipboard.copy(hash)) this.message.success(this.t('procurement.bid.copied'));
  }

  protected async verify(bid: BidDto): Promise<void> {
    const hash = this.verifyHash().trim().toLowerCase();
    if (!hash) return;
    const done = await this.step.run(() => this.api.invoke(bidsVerify, { id: bid.id, body: { hash } }), {
      key: 'verify',
      toast: true,
    });
    if (done) this.verification.set(done.value);
  }

  /**
   * Withdrawing before the deadline, once confirmed with the price, frees the organization to submit
   * a new bid; the withdrawn bid stays in the history, marked withdrawn.
   */
  protected async withdraw(bid: BidDto): Promise<void> {
    if (!(await this.confirm.ask(withdrawConsequence(this.t, this.tender(), bid)))) return;
    const done = await this.step.run(() => this.api.invoke(bidsWithdraw, { id: bid.id }), {
      key: 'withdraw',
      toast: true,
      success: 'procurement.bid.withdrawn',
      handle: (err) => this.closedNow(err),
    });
    if (!done) return;
    const withdrawn = done.value;
    this.bids.update((list) => list.map((b) => (b.id === withdrawn.id ? withdrawn : b)));
    this.receipt.set(null);
    this.verification.set(null);
  }

  protected async ask(): Promise<void> {
    await this.send('ask', this.question, 'procurement.enquiries.asked', (organizationId) =>
      this.api.invoke(tendersAsk, {
        id: this.tenderId,
        body: { organizationId, question: this.question.getRawValue().text.trim() },
      }),
    );
  }

  protected async complain(): Promise<void> {
    const lodged = await this.send(
      'complain',
      this.complaint,
      'procurement.complaints.lodged',
      (organizationId) =>
        this.api.invoke(evaluationComplain, {
          id: this.tenderId,
          body: { organizationId, reason: this.complaint.getRawValue().reason.trim() },
        }),
    );
    if (lodged) this.complaints.update((list) => [...list, lodged]);
  }

  /**
   * Sends what the organization wrote in `form` (a question, a complaint) once it keeps its rules:
   * busy under `key`, a failure in a toast, `success` said and the form emptied once sent.
   */
  private async send<T>(
    key: 'ask' | 'complain',
    form: FormGroup,
    success: I18nKey,
    call: (organizationId: string) => Promise<T>,
  ): Promise<T | undefined> {
    const organizationId = this.orgId();
    if (!organizationId || !touchAll(form)) return undefined;
    const done = await this.step.run(() => call(organizationId), { key, toast: true, success });
    if (!done) return undefined;
    form.reset();
    return done.value;
  }

  /** The tender closed meanwhile: said so in a toast rather than as a generic refusal. */
  private closedNow(err: unknown): boolean {
    if (errorCode(err) !== 'tender.closed') return false;
    this.message.error(this.t('procurement.bid.closed'));
    return true;
  }
}
