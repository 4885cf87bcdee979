import { ApiProperty } from '@nestjs/swagger';
import type { StripeMode } from '../stripe-client.js';

export class StripeAccountDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The Stripe Connect account (acct_…), once created',
  })
  accountId!: string | null;
  @ApiProperty({ description: 'Stripe lets the account receive transfers and pay out' })
  payoutsEnabled!: boolean;
  @ApiProperty() detailsSubmitted!: boolean;
}

export class StripeOnboardingDto extends StripeAccountDto {
  @ApiProperty({
    description: 'Where the organization admin completes onboarding at Stripe (single use, short-lived)',
  })
  url!: string;
  @ApiProperty() expiresAt!: Date;
}

export class PaymentsModeDto {
  @ApiProperty({
    enum: ['off', 'fake', 'test', 'live'],
    enumName: 'StripeMode',
    description:
      "fake: a local stand-in for Stripe (development, tests); test: Stripe's test mode; live: real money; off: Stripe is not configured",
  })
  stripe!: StripeMode;
  @ApiProperty({ description: 'No real money moves through Stripe here (fake or test mode): label it so' })
  testMode!: boolean;
}

export class WebhookAckDto {
  @ApiProperty() received!: boolean;
  @ApiProperty({ description: 'A redelivery of an event already received (nothing done)' })
  duplicate!: boolean;
  @ApiProperty({ description: 'applied, recorded, stale, unmatched, conflict, ignored or duplicate' })
  outcome!: string;
}
