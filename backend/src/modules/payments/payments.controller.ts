import { Controller, Get, Headers, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { ConnectService } from './connect.service.js';
import { PaymentsModeDto, StripeAccountDto, StripeOnboardingDto, WebhookAckDto } from './dto/payments.dto.js';
import { StripeClient } from './stripe-client.js';
import { StripeEventsService } from './stripe-events.service.js';
import { UuidParam } from '../../common/http/params.js';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly events: StripeEventsService,
    private readonly connect: ConnectService,
    private readonly stripe: StripeClient,
  ) {}

  @Get('payments/mode')
  @Operation({
    summary: 'Real money or a test?',
    description:
      'Whether payments here are real money or a test (fake or Stripe test keys): the web app labels test mode.',
    auth: 'public',
    ok: PaymentsModeDto,
  })
  mode(): PaymentsModeDto {
    const stripe = this.stripe.mode;
    return { stripe, testMode: stripe === 'fake' || stripe === 'test' };
  }

  /** Stripe calls this; the signature over the raw body is the authentication. */
  @Post('payments/stripe/webhook')
  @SkipThrottle()
  @Operation({
    summary: 'Stripe webhook endpoint',
    description:
      'Stripe calls this with signed events; the signature over the raw body is the authentication (missing, stale, future-dated or tampered: webhook.invalid_signature). Each event is stored once and applied in its transaction: a redelivered event is a no-op.',
    auth: 'public',
    ok: WebhookAckDto,
    errors: ['webhook.invalid_signature', 'payments.unavailable'],
  })
  @ApiHeader({ name: 'stripe-signature', required: true })
  async stripeWebhook(
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookAckDto> {
    const result = await this.events.receive(req.rawBody, signature);
    return { received: true, duplicate: result.duplicate, outcome: result.outcome };
  }

  @Post('organizations/:id/stripe/onboarding')
  @Operation({
    summary: 'Connect the organization to Stripe',
    description:
      "The organization's admin connects it to Stripe for payouts: creates its connected account on first use (a retried call gets the same one) and returns a fresh onboarding link. Verified organizations only.",
    auth: ['org_admin'],
    ok: StripeOnboardingDto,
    scoped: true,
    errors: ['organization.ineligible', 'payments.unavailable', 'payments.provider_error'],
  })
  onboarding(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<StripeOnboardingDto> {
    return this.connect.onboarding(user, id);
  }

  @Get('organizations/:id/stripe')
  @Operation({
    summary: "The organization's Stripe account",
    description:
      'Whether the organization has a connected account, and whether Stripe enabled payouts on it.',
    auth: ['org_admin'],
    ok: StripeAccountDto,
    scoped: true,
  })
  stripeAccount(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<StripeAccountDto> {
    return this.connect.status(user, id);
  }
}
