import { DatePipe } from '@angular/common';
import { Component, computed, inject, input, signal } from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { evaluationDraw } from '../../api/fn/evaluation/evaluation-draw';
import { evaluationDraws } from '../../api/fn/evaluation/evaluation-draws';
import { evaluationPanel } from '../../api/fn/evaluation/evaluation-panel';
import { evaluationRedraw } from '../../api/fn/evaluation/evaluation-redraw';
import type { PanelDrawDto, PanelDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { reloadOn } from '../../shared/list-query';
import { FormRow } from '../../shared/form-row';
import { NzInputModule } from 'ng-zorro-antd/input';
import { ReasonForm } from '../../shared/reason-form';
import { touchAll } from '../../shared/server-errors';
import { errorCode } from '../../shared/api-error';
import { action } from '../../shared/run-action';
import { numberDetail } from '../errors';
import { ErrorAlert } from '../../shared/error-alert';

/** A redraw's reason: at least 5 characters once trimmed, as the server counts them. */
export const REASON_MIN = 5;
const trimmedMin =
  (min: number) =>
  (control: AbstractControl<string>): ValidationErrors | null =>
    control.value.trim().length >= min ? null : { trimmedMin: { min } };

/**
 * The street office's evaluation panel: formed by a random draw (随机抽取) of the chosen size from
 * the street's evaluator pool, changed only by redraws with a reason (members who have not scored,
 * or seats left by a declared conflict), every draw listed with its seed so it can be re-run.
 */
@Component({
  selector: 'app-tender-panel',
  imports: [
    ErrorAlert,
    ReasonForm,
    DatePipe,
    ReactiveFormsModule,
    NzButtonModule,
    NzFormModule,
    NzTagModule,
    FormRow,
    NzInputModule,
  ],
  templateUrl: './tender-panel.html',
  styleUrl: './office/step.css',
})
export class TenderPanel {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  readonly tenderId = input.required<string>();

  protected readonly panel = signal<PanelDto | null>(null);
  protected readonly draws = signal<PanelDrawDto[]>([]);
  /** Loading the panel, a draw or a redraw (keyed 'draw' / 'redraw'): busy and the failure. */
  protected readonly acting = action();
  /** Who the redraw replaces (user ids). */
  protected readonly selected = signal<ReadonlySet<string>>(new Set());

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly drawForm = this.fb.group({
    size: [3, [Validators.required, Validators.min(1), Validators.max(15)]],
  });
  protected readonly redrawForm = this.fb.group({
    reason: ['', [trimmedMin(REASON_MIN), Validators.maxLength(1000)]],
  });

  /** The first draw forms the panel; afterwards only redraws change it. */
  protected readonly drawn = computed(() => {
    const p = this.panel();
    return !!p && (p.members.length > 0 || this.draws().length > 0);
  });
  /** Who a redraw may replace: members who have not scored, and the seats of conflicted ones. */
  protected readonly replaceable = computed(() => {
    const p = this.panel();
    return [
      ...(p?.members ?? []).filter((m) => !m.scored).map((m) => ({ userId: m.userId, label: m.displayName })),
      ...(p?.vacancies ?? []).map((v) => ({
        userId: v.userId,
        label: this.t('procurement.panel.seatOf', { name: v.displayName }),
      })),
    ];
  });
  /** Names of the people the office knows on this panel, to show draws by name where possible. */
  private readonly names = computed(() => {
    const p = this.panel();
    return new Map([...(p?.members ?? []), ...(p?.vacancies ?? [])].map((m) => [m.userId, m.displayName]));
  });

  constructor() {
    reloadOn(this.tenderId, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    await this.acting.run(async () => {
      const [panel, draws] = await Promise.all([
        this.api.invoke(evaluationPanel, { id }),
        this.api.invoke(evaluationDraws, { id }),
      ]);
      this.panel.set(panel);
      this.draws.set(draws);
    });
  }

  protected name(userId: string): string {
    return this.names().get(userId) ?? userId.slice(0, 8);
  }

  protected toggle(userId: string, checked: boolean): void {
    this.selected.update((set) => {
      const next = new Set(set);
      if (checked) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }

  protected async draw(): Promise<void> {
    if (!touchAll(this.drawForm)) return;
    const { size } = this.drawForm.getRawValue();
    await this.run('draw', () => this.api.invoke(evaluationDraw, { id: this.tenderId(), body: { size } }));
  }

  protected async redraw(): Promise<void> {
    const userIds = [...this.selected()];
    if (!userIds.length) {
      this.acting.error.set(this.t('procurement.panel.pickSomeone'));
      return;
    }
    if (!touchAll(this.redrawForm)) return;
    const reason = this.redrawForm.getRawValue().reason.trim();
    const done = await this.run('redraw', () =>
      this.api.invoke(evaluationRedraw, { id: this.tenderId(), body: { userIds, reason } }),
    );
    if (done) this.clearRedraw();
  }

  protected clearRedraw(): void {
    this.selected.set(new Set());
    this.redrawForm.reset();
  }

  /** Runs a draw or redraw; a pool too small says how many are eligible. */
  private async run(key: 'draw' | 'redraw', call: () => Promise<PanelDto>): Promise<boolean> {
    const done = await this.acting.run(
      async () => {
        this.panel.set(await call());
        this.draws.set(await this.api.invoke(evaluationDraws, { id: this.tenderId() }));
      },
      {
        key,
        success: key === 'draw' ? 'procurement.panel.drawnOk' : 'procurement.panel.redrawnOk',
        handle: (err) => this.tooFew(err),
      },
    );
    return !!done;
  }

  private tooFew(err: unknown): boolean {
    if (errorCode(err) !== 'panel.too_few_eligible') return false;
    this.acting.error.set(
      this.t('procurement.panel.tooFew', {
        eligible: String(numberDetail(err, 'eligible') ?? 0),
        needed: String(numberDetail(err, 'needed') ?? 0),
      }),
    );
    return true;
  }
}
