import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { disbursementsAccept } from '../../api/fn/disbursements/disbursements-accept';
import { disbursementsDirectorApprove } from '../../api/fn/disbursements/disbursements-director-approve';
import { disbursementsFinanceApprove } from '../../api/fn/disbursements/disbursements-finance-approve';
import { disbursementsInbox } from '../../api/fn/disbursements/disbursements-inbox';
import { disbursementsPay } from '../../api/fn/disbursements/disbursements-pay';
import { disbursementsReject } from '../../api/fn/disbursements/disbursements-reject';
import type { AcceptDisbursementDto, DisbursementDto } from '../../api/models';
import type { DisbursementsInbox$Params } from '../../api/fn/disbursements/disbursements-inbox';
import { INBOX_SORT } from '../../api/models/inbox-sort-array';
import { apiError, failureText } from '../../shared/api-error';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { formatFen } from '../../shared/money';
import { MoneyLabels } from '../labels';
import { PaymentsMode, TestModeBanner } from '../../shared/payments-mode';
import { StepTrail } from '../step-trail';
import { STATUS_COLORS, canReject, nextAction, type InboxAction } from '../steps';
import { ACCEPTANCE_SCORES } from '../../delivery/labels';
import { ScoreForm, ScoreFormView } from '../../shared/score-form';
import { Decision, DecisionRow } from '../../shared/decision';
import { LoadMore } from '../../shared/load-more';
import { AttachmentList } from '../../shared/attachments/attachment-list';
import { ListCard } from '../../shared/list-card';
import { ListFilters } from '../../shared/list-filters';
import { SearchSort } from '../../shared/search-sort';
import { ListQuery, type QueryValues, oneOfParam, reloadOn, textParam } from '../../shared/list-query';
import { listOf, loadMore } from '../../shared/list-of';
import { action } from '../../shared/run-action';
import { Confirm, provideConfirm, type Consequence } from '../../shared/confirm';
import { FormActions } from '../../shared/form-actions';
import { FORM_CARDS } from '../../shared/form-cards';
import type { Field } from '../../shared/form-fields';
import { ErrorAlert } from '../../shared/error-alert';
import { BusyButton } from '../../shared/busy-button';
import { FenPipe } from '../../shared/fen-pipe';

/** The acceptance rating's comment, as the API accepts it. */
export const ACCEPTANCE_COMMENT_MAX = 1000;

/** The treasury voucher number, as the API accepts it. */
export const VOUCHER = /^[\w-]{4,40}$/;

/** The inbox's search and sort as the URL keeps them. */
const INBOX_URL = { q: textParam(), sort: oneOfParam(INBOX_SORT, 'oldest') };
type InboxPicks = QueryValues<typeof INBOX_URL>;

/** The query parameters of GET /disbursements/inbox for the picks and page (defaults left out). */
export const inboxParams = ({ q, sort }: InboxPicks, cursor?: string): DisbursementsInbox$Params => ({
  ...(q ? { q } : {}),
  ...(sort !== 'oldest' ? { sort } : {}),
  ...(cursor ? { cursor } : {}),
});

/** An item's failed call: the server's message, and its code for the page (e.g. auth.forbidden for four-eyes). */
interface ItemError {
  id: string;
  code: string | null;
  message: string;
}

/**
 * 审批: the payments waiting for the caller — acceptance (验收) for community staff, approval (or
 * approval again after a failed payout) and treasury vouchers for street finance, approval for the
 * street director at or above the threshold. Each can instead be returned with a reason. Accepting a
 * milestone asks for the staff's rating of the delivery first (quality, timeliness, cooperation); its
 * deliverable files are listed inline with their scan status, beside what remains of the contract.
 */
@Component({
  selector: 'app-approvals-inbox',
  imports: [
    BusyButton,
    ErrorAlert,
    FORM_CARDS,
    FormActions,
    AttachmentList,
    DecisionRow,
    ListCard,
    ListFilters,
    LoadMore,
    RouterLink,
    DatePipe,
    NzTagModule,
    ScoreFormView,
    StepTrail,
    TestModeBanner,
    FenPipe,
  ],
  providers: [provideConfirm()],
  templateUrl: './approvals-inbox.html',
  styleUrls: [
    '../../shared/page.css',
    '../../shared/column-page.css',
    '../money-facts.css',
    './approvals-inbox.css',
  ],
})
export class ApprovalsInbox {
  private readonly api = inject(Api);
  private readonly confirm = inject(Confirm);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly label = inject(MoneyLabels);
  protected readonly payments = inject(PaymentsMode);
  protected readonly t = inject(I18n).t;
  protected readonly colors = STATUS_COLORS;
  protected readonly nextAction = nextAction;
  protected readonly canReject = canReject;

  /** The search and sort, kept in the URL (Back from a project's page returns to them). */
  protected readonly query = new ListQuery(INBOX_URL);
  protected readonly picked = this.query.value;
  protected readonly filters = new SearchSort(this.query, {
    name: 'inbox',
    words: 'money.inbox',
    sorts: INBOX_SORT,
  });
  /** What waits (of the search), a page at a time. */
  protected readonly list = listOf(this.picked, (picks, { cursor }) =>
    this.api.invoke(disbursementsInbox, inboxParams(picks, cursor)),
  );
  protected readonly items = computed(() => this.list().items());
  /** Reading the inbox: busy, and why it failed. */
  protected readonly loader = action();
  protected readonly loaded = signal(false);
  /** Signing an item's step (keyed by the item); a refusal shows on the item (`itemError`). */
  protected readonly step = action();
  protected readonly itemError = signal<ItemError | null>(null);
  /** What this signer did on this visit, newest first: each item as the step left it. */
  protected readonly done = signal<DisbursementDto[]>([]);
  protected readonly hasStripe = computed(() => this.items().some((d) => d.method === 'stripe'));

  protected readonly acceptanceMissing = signal(false);
  /** The item whose voucher is being typed (acceptance and rejection keep theirs). */
  protected readonly paying = signal<string | null>(null);
  /** Returning an item with a reason (the page's own buttons stand before it). */
  protected readonly decision = new Decision({
    kind: 'disbursement',
    testId: 'inbox-reject',
    refuse: 'money.inbox.reject',
    reason: 'money.inbox.rejectReason',
    busy: (id) => this.step.busyFor(id),
    opened: () => {
      this.acceptance.close();
      this.paying.set(null);
    },
  });
  /** The staff's rating of a milestone's delivery, asked before accepting it. */
  protected readonly acceptance = new ScoreForm({
    scores: ACCEPTANCE_SCORES,
    words: 'acceptance',
    commentMax: ACCEPTANCE_COMMENT_MAX,
    commentRule: 'acceptance.commentRule',
    id: 'acceptance',
    formTestId: 'inbox-accept-form',
    submitTestId: 'inbox-accept-confirm',
    busy: (id) => this.step.busyFor(id),
  });
  protected readonly voucher = this.fb.group({
    voucher: ['', [Validators.required, Validators.pattern(VOUCHER)]],
  });
  protected readonly voucherFields: readonly Field[] = [
    {
      name: 'voucher',
      id: 'voucher',
      label: 'money.inbox.voucher',
      required: true,
      rule: 'money.inbox.voucherRule',
      help: 'money.inbox.voucherHelp',
      testId: 'inbox-voucher',
    },
  ];

  constructor() {
    reloadOn(this.list, () => this.load());
  }

  /** The first page of the inbox (read again after every step). */
  protected async load(): Promise<void> {
    await this.loader.run(() => this.list().reload());
    this.loaded.set(true);
  }

  /** The next page of the inbox, appended. */
  protected loadMore(): Promise<void> {
    return loadMore(this.list(), this.loader);
  }

  /** The milestone's deliverables the virus scan cleared (what its acceptance rule counts). */
  protected cleanFiles(d: DisbursementDto): number {
    return d.deliverableFiles.filter((f) => f.status === 'clean').length;
  }

  protected actionLabel(d: DisbursementDto): string {
    const action = nextAction(d);
    return action ? this.t(`money.inbox.${action}`) : '';
  }

  /** Signs the step the item waits for: finance's or the director's approval; acceptance asks for the rating first. */
  protected act(d: DisbursementDto): Promise<void> {
    const action = nextAction(d);
    if (!action || action === 'record_payment') return Promise.resolve();
    if (action === 'accept') {
      this.startAcceptance(d);
      return Promise.resolve();
    }
    const call = {
      finance_approve: () => this.api.invoke(disbursementsFinanceApprove, { id: d.id }),
      director_approve: () => this.api.invoke(disbursementsDirectorApprove, { id: d.id }),
    }[action];
    return this.confirm
      .ask(this.approval(d, action))
      .then((yes) => (yes ? this.run(d, call, `money.inbox.done.${action}`) : undefined));
  }

  /** Before approving money: the amount, to whom and for what, and that the signature stays. */
  private approval(d: DisbursementDto, action: 'finance_approve' | 'director_approve'): Consequence {
    const toDirector = action === 'finance_approve' && d.needsDirector;
    return {
      title: this.t('confirm.approve.title'),
      facts: [
        { label: this.t('confirm.fact.amount'), value: formatFen(d.amountFen) },
        { label: this.t('confirm.fact.organization'), value: d.organizationName },
        { label: this.t('confirm.fact.contract'), value: d.contractTitle },
        ...(d.milestoneName ? [{ label: this.t('confirm.fact.milestone'), value: d.milestoneName }] : []),
      ],
      consequence: this.t(toDirector ? 'confirm.approve.toDirector' : 'confirm.approve.toPayment'),
      ok: this.t('confirm.approve.ok'),
    };
  }

  /**
   * The project whose progress the signer can check: the street's signers open its page, community
   * staff (at acceptance) its public record; the contract's project, else a grant's.
   */
  protected progressLink(d: DisbursementDto): string[] | null {
    const project = d.contractProjectId ?? d.projectId;
    if (!project) return null;
    return d.status === 'requested' ? ['/public-projects', project] : ['/projects', project];
  }

  protected startAcceptance(d: DisbursementDto): void {
    this.decision.close();
    this.paying.set(null);
    this.acceptanceMissing.set(false);
    this.acceptance.open(d.id);
  }

  /** Accepts the milestone with the staff's rating of its delivery, one call. */
  protected accept(d: DisbursementDto): Promise<void> {
    const body: AcceptDisbursementDto | null = this.acceptance.scores();
    this.acceptanceMissing.set(!body && this.acceptance.scoreMissing());
    if (!body) return Promise.resolve();
    return this.run(
      d,
      () => this.api.invoke(disbursementsAccept, { id: d.id, body }),
      'money.inbox.done.accept',
    );
  }

  protected reject(d: DisbursementDto): Promise<void> {
    const reason = this.decision.reason();
    if (reason === null) return Promise.resolve();
    return this.run(
      d,
      () => this.api.invoke(disbursementsReject, { id: d.id, body: { reason } }),
      'money.inbox.done.reject',
    );
  }

  protected startPayment(d: DisbursementDto): void {
    this.acceptance.close();
    this.decision.close();
    this.voucher.reset();
    this.paying.set(d.id);
  }

  protected pay(d: DisbursementDto): Promise<void> {
    if (!touchAll(this.voucher)) return Promise.resolve();
    const voucher = this.voucher.getRawValue().voucher.trim();
    return this.run(
      d,
      () => this.api.invoke(disbursementsPay, { id: d.id, body: { voucher } }),
      'money.inbox.done.record_payment',
    );
  }

  /**
   * One step: on success the item leaves the inbox or moves on (the list is read again, as the
   * next step may be someone else's) and shows under "done just now" with its new status; on
   * failure the server's reason stays on the item.
   */
  private async run(
    d: DisbursementDto,
    call: () => Promise<DisbursementDto>,
    done: `money.inbox.done.${InboxAction | 'reject'}`,
  ): Promise<void> {
    this.itemError.set(null);
    const result = await this.step.run(call, {
      key: d.id,
      success: done,
      handle: (err) => {
        const code = apiError(err)?.code ?? null;
        // Signing is refused here only by four-eyes: the signer already signed or asked for it.
        const message = code === 'auth.forbidden' ? this.t('money.inbox.fourEyes') : failureText(err, this.t);
        this.itemError.set({ id: d.id, code, message });
        return true;
      },
    });
    if (!result) return;
    const after = result.value;
    this.acceptance.close();
    this.decision.close();
    this.paying.set(null);
    this.done.update((list) => [after, ...list.filter((x) => x.id !== after.id)]);
    await this.load();
  }
}
