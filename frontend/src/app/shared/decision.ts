import { Component, computed, inject, input, output, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { ReasonForm } from './reason-form';
import { type ReasonKind, reasonForm } from './reason-rules';
import { action } from './run-action';
import { touchAll } from './server-errors';

/** A button of a decision row: its words and its test id. */
export interface DecisionButton {
  label: I18nKey;
  testId: string;
}

/** What a list's decision rows say, and how tests find them. */
export interface DecisionOptions {
  /** The kind of reason asked before refusing (its limits are REASON_RULES'). */
  kind: ReasonKind;
  /** The refuse button's test id; the reason form's fields are `<testId>-reason` and `<testId>-confirm`. */
  testId: string;
  /** The refuse button's test id when it is not `testId` (the reason form's stay `<testId>-…`). */
  refuseTestId?: string;
  /** The refuse button and the reason form's submit. */
  refuse: I18nKey;
  /** The reason's label. */
  reason: I18nKey;
  /** A primary approve button before the others. */
  approve?: DecisionButton;
  /** A plain button of its own that opens the reason form, in place of the (danger) refuse button. */
  open?: DecisionButton;
  /** Whether the item's decision runs, when the page runs its calls its own way (not through `decide`). */
  busy?: (item: string) => boolean;
  /** Told before the reason form opens (a page closes the item's other inline forms). */
  opened?: () => void;
}

/**
 * The approve / refuse-with-a-reason decisions on a list's items: the item whose reason is being
 * typed, the reason's form, and the calls the page makes through `decide` (busy per item, the
 * failure in a toast). `app-decision` draws an item's row. Made in an injection context.
 */
export class Decision {
  /** The item whose reason is being typed. */
  readonly refusing = signal<string | null>(null);
  readonly form;
  private readonly calls = action();

  constructor(readonly options: DecisionOptions) {
    this.form = reasonForm(options.kind);
  }

  /** Whether the item's decision runs. */
  busy(item: string): boolean {
    return this.options.busy ? this.options.busy(item) : this.calls.busyFor(item);
  }

  /** Makes the call deciding the item and says `success`; true once it is done (the reason form closes). */
  async decide(item: string, call: () => Promise<unknown>, success: I18nKey): Promise<boolean> {
    const done = await this.calls.run(call, { key: item, toast: true, success });
    if (done) this.close();
    return !!done;
  }

  startRefusal(item: string): void {
    this.options.opened?.();
    this.form.reset();
    this.refusing.set(item);
  }

  close(): void {
    this.refusing.set(null);
  }

  /** The reason typed, trimmed; null (its faults shown) when it breaks its kind's rule. */
  reason(): string | null {
    return touchAll(this.form) ? this.form.getRawValue().reason.trim() : null;
  }

  /**
   * Refuses the item with the reason typed in its row: nothing is sent while the reason breaks its
   * rule (its faults shown), else the call runs as `decide` runs it. True once it is done.
   */
  async refuse(item: string, call: (reason: string) => Promise<unknown>, success: I18nKey): Promise<boolean> {
    const reason = this.reason();
    return reason !== null && this.decide(item, () => call(reason), success);
  }
}

/**
 * An item's decision row: approve (when the decision has one), the page's own buttons (projected),
 * and refuse, which opens the reason form in the row's place.
 */
@Component({
  selector: 'app-decision',
  imports: [NzButtonModule, ReasonForm],
  template: `
    @let o = decision().options;
    @if (decision().refusing() === item()) {
      <app-reason-form
        [form]="decision().form"
        [fieldId]="o.testId + '-' + item()"
        [label]="t(o.reason)"
        [kind]="o.kind"
        [submitLabel]="t(o.refuse)"
        [busy]="busy()"
        [testId]="o.testId"
        (submitted)="refused.emit()"
        (dismissed)="decision().close()"
      />
    } @else {
      <div class="actions">
        @if (o.approve; as approve) {
          <button
            nz-button
            nzType="primary"
            type="button"
            [attr.data-testid]="approve.testId"
            [nzLoading]="busy()"
            (click)="approved.emit()"
          >
            {{ t(approve.label) }}
          </button>
        }
        <ng-content />
        @if (refusable()) {
          @if (o.open; as open) {
            <button nz-button type="button" [attr.data-testid]="open.testId" (click)="start()">
              {{ t(open.label) }}
            </button>
          } @else {
            <button
              nz-button
              nzDanger
              type="button"
              [attr.data-testid]="o.refuseTestId ?? o.testId"
              (click)="start()"
            >
              {{ t(o.refuse) }}
            </button>
          }
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin-top: 8px;
    }
  `,
})
export class DecisionRow {
  protected readonly t = inject(I18n).t;
  readonly decision = input.required<Decision>();
  /** The item's id. */
  readonly item = input.required<string>();
  /** Whether the item may be refused now (no refuse button otherwise). */
  readonly refusable = input(true);
  readonly approved = output<void>();
  /** The reason form was sent: the page reads `decision.reason()` and makes its call. */
  readonly refused = output<void>();
  protected readonly busy = computed(() => this.decision().busy(this.item()));

  protected start(): void {
    this.decision().startRefusal(this.item());
  }
}
