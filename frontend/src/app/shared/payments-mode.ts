import { Component, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { Api } from '../api/api';
import { paymentsMode } from '../api/fn/payments/payments-mode';
import type { PaymentsModeDto } from '../api/models';
import { I18n } from '../i18n/i18n.service';

/** Whether Stripe here is a fake or in test mode: asked once per visit, shown wherever money moves. */
@Injectable({ providedIn: 'root' })
export class PaymentsMode {
  private readonly api = inject(Api);
  private readonly current = signal<PaymentsModeDto | null>(null);
  private loading: Promise<void> | null = null;
  readonly mode = this.current.asReadonly();
  readonly testMode = computed(() => this.current()?.testMode ?? false);

  load(): Promise<void> {
    this.loading ??= this.api.invoke(paymentsMode).then(
      (mode) => this.current.set(mode),
      () => {
        this.loading = null; // unknown: no label rather than a wrong one, ask again next time
      },
    );
    return this.loading;
  }
}

/** The "test mode" label of every page that takes, approves or shows payments. */
@Component({
  selector: 'app-test-mode-banner',
  imports: [NzAlertModule],
  template: `
    @if (payments.testMode()) {
      <nz-alert
        class="banner"
        nzType="warning"
        nzShowIcon
        data-testid="test-mode"
        [attr.data-stripe]="payments.mode()?.stripe"
        [nzMessage]="t('payments.testMode.title')"
        [nzDescription]="
          t(payments.mode()?.stripe === 'fake' ? 'payments.testMode.fake' : 'payments.testMode.test')
        "
      />
    }
  `,
  styles: `
    .banner {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class TestModeBanner {
  protected readonly payments = inject(PaymentsMode);
  protected readonly t = inject(I18n).t;

  constructor() {
    void this.payments.load();
  }
}

/** Leaves the app for a payment page (Stripe's onboarding or Checkout); a token, so tests can watch where it would go. */
export const NAVIGATE_AWAY = new InjectionToken<(url: string) => void>('NAVIGATE_AWAY', {
  providedIn: 'root',
  factory: () => (url: string) => window.location.assign(url),
});
