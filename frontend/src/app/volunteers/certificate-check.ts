import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { Api } from '../api/api';
import { volunteersVerify } from '../api/fn/volunteers/volunteers-verify';
import type { CertificateCheckDto } from '../api/models';
import { failureText } from '../shared/api-error';
import { I18n } from '../i18n/i18n.service';

/** Public: where a certificate's QR code leads; the API checks its signature. */
@Component({
  selector: 'app-certificate-check',
  imports: [DatePipe, DecimalPipe, NzAlertModule, NzCardModule],
  template: `
    <nz-card [nzTitle]="t('volunteer.check.title')" [nzLoading]="loading()" data-testid="certificate-check">
      @if (error(); as message) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="message" />
      } @else if (check(); as c) {
        @if (c.valid) {
          <nz-alert
            nzType="success"
            nzShowIcon
            [nzMessage]="t('volunteer.check.valid')"
            data-testid="certificate-valid"
          />
          <p data-testid="certificate-hours">
            {{ t('volunteer.hours.amount', { hours: (c.hours | number: '1.0-1') ?? '' }) }} ·
            {{ c.periodFrom }} – {{ c.periodTo }}
          </p>
          <p class="muted">
            {{ t('volunteer.check.issued', { date: (c.issuedAt | date: 'yyyy-MM-dd') ?? '' }) }}
          </p>
          <p>{{ c.volunteerName ?? t('volunteer.check.anonymous') }}</p>
        } @else {
          <nz-alert
            nzType="error"
            nzShowIcon
            [nzMessage]="t('volunteer.check.invalid')"
            data-testid="certificate-invalid"
          />
        }
      }
    </nz-card>
  `,
  styles: [':host { display: block; max-width: 560px; } .muted { color: rgba(0, 0, 0, 0.55); }'],
})
export class CertificateCheck {
  private readonly api = inject(Api);
  private readonly route = inject(ActivatedRoute);
  protected readonly t = inject(I18n).t;
  protected readonly check = signal<CertificateCheckDto | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);

  constructor() {
    const id = this.route.snapshot.paramMap.get('id') ?? '';
    const sig = this.route.snapshot.queryParamMap.get('sig') ?? '';
    this.api
      .invoke(volunteersVerify, { id, sig })
      .then((c) => this.check.set(c))
      .catch((err: unknown) => {
        // A malformed id or signature is as good as a wrong one.
        if (err && typeof err === 'object' && 'status' in err && err.status === 400)
          this.check.set({ valid: false } as CertificateCheckDto);
        else this.error.set(failureText(err, this.t));
      })
      .finally(() => this.loading.set(false));
  }
}
