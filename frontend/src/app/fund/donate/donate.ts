import { afterNextRender, Component, effect, inject, input, signal, untracked } from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { Api } from '../../api/api';
import { fundDonate } from '../../api/fn/fund/fund-donate';
import { I18n } from '../../i18n/i18n.service';
import { touchAll } from '../../shared/server-errors';
import { failureText } from '../../shared/api-error';
import { ReferenceData } from '../../shared/reference-data';
import { communitySelect } from '../../shared/community-select';
import { donationAmountOk, donationBody } from '../fund-logic';
import { NAVIGATE_AWAY, PaymentsMode, TestModeBanner } from '../../shared/payments-mode';
import { FORM_CARDS } from '../../shared/form-cards';
import type { Field } from '../../shared/form-fields';
import { ErrorAlert } from '../../shared/error-alert';

const amountValidator = (control: AbstractControl): ValidationErrors | null =>
  String(control.value ?? '').trim() === '' || donationAmountOk(String(control.value))
    ? null
    : { amount: true };

/**
 * 爱心捐赠: anyone, signed in or not, gives to a community's development fund. The gift is paid on
 * Stripe Checkout; Checkout returns to /donate/thanks, which shows the receipt.
 */
@Component({
  selector: 'app-donate',
  imports: [ErrorAlert, FORM_CARDS, TestModeBanner],
  templateUrl: './donate.html',
  styleUrls: ['../../shared/column-page.css', './donate.css'],
})
export class Donate {
  private readonly api = inject(Api);
  private readonly navigateAway = inject(NAVIGATE_AWAY);
  private readonly ref = inject(ReferenceData);
  private readonly payments = inject(PaymentsMode);
  protected readonly t = inject(I18n).t;

  /** `?community=` (Checkout's cancel link comes back with it). */
  readonly community = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    communityId: [null as string | null, [Validators.required]],
    amount: ['', [Validators.required, amountValidator]],
    donorName: ['', [Validators.maxLength(60)]],
    donorEmail: ['', [Validators.email, Validators.maxLength(254)]],
    message: ['', [Validators.maxLength(500)]],
  });
  protected readonly fields: readonly Field[] = [
    communitySelect(this.ref, 'donate-community', 'fund.donate.community'),
    {
      name: 'amount',
      id: 'donate-amount',
      label: 'fund.donate.amount',
      kind: 'money',
      required: true,
      rule: 'fund.donate.amountRule',
      testId: 'donate-amount',
    },
    {
      name: 'donorName',
      id: 'donate-name',
      label: 'fund.donate.name',
      rule: 'fund.donate.nameRule',
      help: 'fund.donate.nameHelp',
      testId: 'donate-name',
    },
    {
      name: 'donorEmail',
      id: 'donate-email',
      label: 'fund.donate.email',
      kind: 'email',
      rule: 'form.email',
      testId: 'donate-email',
    },
    {
      name: 'message',
      id: 'donate-message',
      label: 'fund.donate.message',
      kind: 'textarea',
      rule: 'fund.donate.messageRule',
      testId: 'donate-message',
    },
  ];
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  /**
   * The form shows once the communities and the test-mode label are known: either arriving after
   * it would push it down the page as it is being filled in.
   */
  protected readonly ready = signal(false);

  constructor() {
    // In the browser only: the page is prerendered (app.routes.server.ts) without the form.
    afterNextRender(
      () =>
        void Promise.all([
          this.ref.load().catch(() => this.error.set(this.t('errors.reference'))),
          this.payments.load(),
        ]).then(() => this.ready.set(true)),
    );
    effect(() => {
      const id = this.community();
      if (id) untracked(() => this.form.controls.communityId.setValue(id));
    });
  }

  protected async submit(): Promise<void> {
    if (!touchAll(this.form)) return;
    const { communityId, ...rest } = this.form.getRawValue();
    this.sending.set(true);
    this.error.set(null);
    try {
      const checkout = await this.api.invoke(fundDonate, {
        communityId: communityId as string,
        body: donationBody(rest),
      });
      this.navigateAway(checkout.url); // stays "sending" while the browser leaves
    } catch (err) {
      this.error.set(failureText(err, this.t));
      this.sending.set(false);
    }
  }
}
