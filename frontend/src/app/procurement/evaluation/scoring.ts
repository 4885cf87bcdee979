import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { evaluationDeclare } from '../../api/fn/evaluation/evaluation-declare';
import { evaluationDeclareConflict } from '../../api/fn/evaluation/evaluation-declare-conflict';
import { evaluationScore } from '../../api/fn/evaluation/evaluation-score';
import { evaluationWorkspace } from '../../api/fn/evaluation/evaluation-workspace';
import { tendersGet } from '../../api/fn/tenders/tenders-get';
import type { BidDto, CriterionDto, TenderDto, WorkspaceDto } from '../../api/models';
import { BackLink } from '../../shared/back-link';
import { BusyButton } from '../../shared/busy-button';
import { I18n } from '../../i18n/i18n.service';
import { AttachmentList } from '../../shared/attachments/attachment-list';
import { action } from '../../shared/run-action';
import { errorCode, failureText } from '../../shared/api-error';
import { ProcurementLabels } from '../procurement-labels';
import { type Sheet, isScored, savedSheet, sheetErrors, sheetTotal } from './score-sheet';
import { ErrorAlert } from '../../shared/error-alert';
import { FenPipe } from '../../shared/fen-pipe';
import { FormActions } from '../../shared/form-actions';

export type WorkspaceState = 'loading' | 'declare' | 'not-panel' | 'withdrawn' | 'ready' | 'error';

/**
 * The evaluator's workspace: first the no-conflict declaration (refused when the evaluator belongs
 * to a bidding organization) or, instead, a declared conflict with its reason, which takes the
 * evaluator off the panel; then each bid in competition scored per technical sub-criterion, every
 * score within that criterion's weight.
 */
@Component({
  selector: 'app-scoring',
  imports: [
    BusyButton,
    BackLink,
    DatePipe,
    FormsModule,
    NzAlertModule,
    ErrorAlert,
    NzButtonModule,
    NzCardModule,
    NzInputModule,
    NzTagModule,
    AttachmentList,
    FenPipe,
    FormActions,
  ],
  templateUrl: './scoring.html',
  styleUrls: ['../../shared/column-page.css', './scoring.css'],
})
export class Scoring {
  private readonly api = inject(Api);
  protected readonly label = inject(ProcurementLabels);
  protected readonly t = inject(I18n).t;
  protected readonly total = sheetTotal;

  private readonly tenderId = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly tender = signal<TenderDto | null>(null);
  protected readonly workspace = signal<WorkspaceDto | null>(null);
  protected readonly state = signal<WorkspaceState>('loading');
  /** Declaring, leaving the panel and saving a bid's scores, busy per step. */
  protected readonly step = action();
  protected readonly error = this.step.error;
  /** What the evaluator typed, per bid; starts from the saved sheet. */
  protected readonly sheets = signal<Record<string, Sheet>>({});
  /** The reason of a declared conflict, as typed. */
  protected readonly conflictReason = signal('');
  protected readonly declaringConflict = signal(false);

  protected readonly criteria = computed<CriterionDto[]>(() => this.tender()?.weights.criteria ?? []);
  protected readonly scoredCount = computed(() => {
    const ws = this.workspace();
    return ws ? ws.bids.filter((b) => isScored(this.criteria(), ws.myScores, b.id)).length : 0;
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.tender.set(await this.api.invoke(tendersGet, { id: this.tenderId }));
    } catch (err) {
      this.error.set(failureText(err, this.t));
      this.state.set('error');
      return;
    }
    await this.loadWorkspace();
  }

  /** The workspace answers 403 until the evaluator declared; out of scope when not on the panel. */
  private async loadWorkspace(): Promise<void> {
    try {
      this.show(await this.api.invoke(evaluationWorkspace, { id: this.tenderId }));
    } catch (err) {
      const code = errorCode(err);
      if (code === 'auth.forbidden') this.state.set('declare');
      else if (code === 'auth.out_of_scope') this.state.set('not-panel');
      else {
        this.error.set(failureText(err, this.t));
        this.state.set('error');
      }
    }
  }

  protected async declare(): Promise<void> {
    const declared = await this.step.run(() => this.api.invoke(evaluationDeclare, { id: this.tenderId }), {
      key: 'declare',
      handle: (err) => this.conflictNow(err),
    });
    if (declared) await this.loadWorkspace();
  }

  /** Declares a conflict of interest: the evaluator leaves the panel and the street office redraws. */
  protected async declareConflict(): Promise<void> {
    const reason = this.conflictReason().trim();
    if (reason.length < 2) {
      this.error.set(this.t('procurement.scoring.conflictReasonRule'));
      return;
    }
    const body = { reason };
    const left = await this.step.run(
      () => this.api.invoke(evaluationDeclareConflict, { id: this.tenderId, body }),
      { key: 'conflict' },
    );
    if (left) this.state.set('withdrawn');
  }

  /** The panel changed meanwhile: said so rather than as a generic refusal. */
  private conflictNow(err: unknown): boolean {
    if (errorCode(err) !== 'state.conflict') return false;
    this.error.set(this.t('procurement.scoring.conflict'));
    return true;
  }

  protected sheet(bid: BidDto): Sheet {
    return this.sheets()[bid.id] ?? {};
  }

  protected setPoints(bid: BidDto, key: string, value: number | null): void {
    this.sheets.update((all) => ({ ...all, [bid.id]: { ...all[bid.id], [key]: value } }));
  }

  protected errors(bid: BidDto): string[] {
    return sheetErrors(this.criteria(), this.sheet(bid));
  }

  protected scored(bid: BidDto): boolean {
    const ws = this.workspace();
    return !!ws && isScored(this.criteria(), ws.myScores, bid.id);
  }

  protected async save(bid: BidDto): Promise<void> {
    if (this.errors(bid).length) return;
    const sheet = this.sheet(bid);
    const body = { criteria: this.criteria().map((c) => ({ key: c.key, points: sheet[c.key] as number })) };
    const saved = await this.step.run(() => this.api.invoke(evaluationScore, { id: bid.id, body }), {
      key: bid.id,
      toast: true,
      success: () => this.t('procurement.scoring.saved', { org: bid.organizationName }),
    });
    if (saved) this.workspace.set(saved.value);
  }

  private show(ws: WorkspaceDto): void {
    this.workspace.set(ws);
    this.sheets.set(
      Object.fromEntries(ws.bids.map((b) => [b.id, savedSheet(this.criteria(), ws.myScores, b.id)])),
    );
    this.state.set('ready');
  }
}
