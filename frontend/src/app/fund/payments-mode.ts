import { ChangeDetectionStrategy, Component, Injectable, inject, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { Api } from '../api/api';
import { paymentsMode } from '../api/functions';
import { I18n } from '../i18n/i18n.service';

/** Whether payments here are a test (a fake Stripe or Stripe's test mode), asked once per visit. */
@Injectable({ providedIn: 'root' })
export class PaymentsMode {
  private readonly api = inject(Api);
  readonly testMode = signal(false);
  private loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.loading ??= this.api.invoke(paymentsMode).then(
      (mode) => this.testMode.set(mode.testMode),
      () => {
        this.loading = null; // unknown: no label, ask again next time
      },
    );
    return this.loading;
  }
}

/** The "test mode" label of every page that takes or shows payments. */
@Component({
  selector: 'app-test-mode-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule],
  template: `@if (mode.testMode()) {
    <nz-alert
      class="banner"
      nzType="warning"
      nzShowIcon
      [nzMessage]="t('fund.testMode')"
      data-testid="test-mode"
    />
  }`,
  styles: `
    .banner {
      margin-bottom: 16px;
    }
  `,
})
export class TestModeBanner {
  protected readonly mode = inject(PaymentsMode);
  protected readonly t = inject(I18n).t;

  constructor() {
    void this.mode.load();
  }
}
