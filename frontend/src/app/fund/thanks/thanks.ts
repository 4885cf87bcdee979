import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { Api } from '../../api/api';
import { fundReceipt } from '../../api/fn/fund/fund-receipt';
import type { DonationReceiptDto } from '../../api/models';
import { I18n } from '../../i18n/i18n.service';
import { failureText } from '../../shared/api-error';
import { pollReceipt } from '../fund-logic';
import { TestModeBanner } from '../../shared/payments-mode';
import { ErrorAlert } from '../../shared/error-alert';
import { FenPipe } from '../../shared/fen-pipe';

/** How long the page waits for the paid webhook before offering to look again. */
export const RECEIPT_POLL = { attempts: 20, delayMs: 1000 };

type State = 'waiting' | 'done' | 'pending' | 'error' | 'missing';

/** Where Stripe Checkout returns (`?session=cs_…`): the receipt, once the paid webhook has credited the fund. */
@Component({
  selector: 'app-donation-thanks',
  imports: [
    DatePipe,
    RouterLink,
    NzAlertModule,
    ErrorAlert,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzResultModule,
    NzSpinModule,
    TestModeBanner,
    FenPipe,
  ],
  templateUrl: './thanks.html',
  styleUrl: './thanks.css',
})
export class DonationThanks {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;

  readonly session = input<string | undefined>();

  protected readonly state = signal<State>('waiting');
  protected readonly receipt = signal<DonationReceiptDto | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const session = this.session();
      untracked(() => void this.check(session));
    });
  }

  protected async check(session = this.session()): Promise<void> {
    if (!session) {
      this.state.set('missing');
      return;
    }
    this.state.set('waiting');
    this.error.set(null);
    try {
      const receipt = await pollReceipt(
        () => this.api.invoke(fundReceipt, { sessionId: session }),
        RECEIPT_POLL,
      );
      if (session !== this.session()) return;
      this.receipt.set(receipt);
      this.state.set(receipt ? 'done' : 'pending');
    } catch (err) {
      this.error.set(failureText(err, this.t));
      this.state.set('error');
    }
  }
}
