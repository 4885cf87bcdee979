import { Component, Injectable, inject } from '@angular/core';
import { NZ_MODAL_DATA, NzModalService } from 'ng-zorro-antd/modal';
import { I18n } from '../i18n/i18n.service';

/** One line of what is about to happen: a label and its value (an amount, a title, an organization). */
export interface ConfirmFact {
  label: string;
  value: string;
}

/** What a confirmation states before a step that cannot be undone. */
export interface Consequence {
  /** The question, in the page's words, e.g. "Publish this tender?" (no user data: it is shown as HTML). */
  title: string;
  /** What the step acts on, shown as label and value (as text, whatever the value holds). */
  facts: ConfirmFact[];
  /** What follows and what cannot be undone. */
  consequence: string;
  /** The confirming button's words, the step itself (e.g. "Publish"). */
  ok: string;
  /** A step that takes something away (withdraw, cancel): the button shows as dangerous. */
  danger?: boolean;
}

/** The body of the confirmation: the facts and the consequence, as text. */
@Component({
  selector: 'app-confirm-content',
  template: `
    <dl class="facts" data-testid="confirm-facts">
      @for (fact of data.facts; track fact.label) {
        <div class="fact">
          <dt>{{ fact.label }}</dt>
          <dd>{{ fact.value }}</dd>
        </div>
      }
    </dl>
    <p class="consequence" data-testid="confirm-consequence">{{ data.consequence }}</p>
  `,
  styles: `
    .facts {
      margin: 8px 0;
    }
    .fact {
      display: flex;
      gap: 8px;
    }
    dt {
      color: var(--app-muted, rgba(0, 0, 0, 0.65));
    }
    dt::after {
      content: '：';
    }
    dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .consequence {
      margin: 8px 0 0;
    }
  `,
})
export class ConfirmContent {
  protected readonly data = inject<Pick<Consequence, 'facts' | 'consequence'>>(NZ_MODAL_DATA);
}

/**
 * Asks before a step that cannot be undone (publishing, approving money, withdrawing, cancelling),
 * stating what it acts on and what follows; resolves true only when the user confirms. Provided
 * with the component that asks (`providers: [provideConfirm()]`), as NG-ZORRO's modal service is.
 */
@Injectable()
export class Confirm {
  private readonly modal = inject(NzModalService);
  private readonly t = inject(I18n).t;

  ask({ title, facts, consequence, ok, danger = false }: Consequence): Promise<boolean> {
    return new Promise((resolve) => {
      const ref = this.modal.confirm<ConfirmContent>({
        nzTitle: title,
        nzContent: ConfirmContent,
        nzData: { facts, consequence },
        nzOkText: ok,
        nzOkDanger: danger,
        nzCancelText: this.t('common.cancel'),
        nzClassName: 'app-confirm',
        nzAutofocus: 'cancel',
        nzOnOk: () => resolve(true),
        // Cancel, Escape or the mask.
        nzOnCancel: () => resolve(false),
      });
      // However else it closes, not confirmed (a resolve after the first is ignored).
      ref.afterClose.subscribe(() => resolve(false));
    });
  }
}

export const provideConfirm = () => [NzModalService, Confirm];
