import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
import { ConnectService } from './connect.service.js';
import { PaymentsModeDto, StripeAccountDto, StripeOnboardingDto, WebhookAckDto } from './dto/payments.dto.js';
import { StripeClient } from './stripe-client.js';
import { StripeEventsService } from './stripe-events.service.js';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly events: StripeEventsService,
    private readonly connect: ConnectService,
    private readonly stripe: StripeClient,
  ) {}

  @Get('payments/mode')
  @Public()
  @ApiOperation({ summary: 'Whether payments here are real money or a test (the web app labels test mode)' })
  @ApiOkResponse({ type: PaymentsModeDto })
  mode(): PaymentsModeDto {
    const stripe = this.stripe.mode;
    return { stripe, testMode: stripe === 'fake' || stripe === 'test' };
  }

  /** Stripe calls this; the signature over the raw body is the authentication. */
  @Post('payments/stripe/webhook')
  @Public()
  @SkipThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe webhook endpoint (signed events; a redelivered event is a no-op)' })
  @ApiHeader({ name: 'stripe-signature', required: true })
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiBadRequestResponse({
    description: 'webhook.invalid_signature: missing, stale, future-dated or tampered signature',
  })
  @ApiServiceUnavailableResponse({ description: 'payments.unavailable: Stripe is not configured here' })
  async stripeWebhook(
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookAckDto> {
    const result = await this.events.receive(req.rawBody, signature);
    return { received: true, duplicate: result.duplicate, outcome: result.outcome };
  }

  @Post('organizations/:id/stripe/onboarding')
  @Auth('org_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Connect the organization to Stripe: creates its account if needed, returns the onboarding link',
  })
  @ApiOkResponse({ type: StripeOnboardingDto })
  onboarding(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StripeOnboardingDto> {
    return this.connect.onboarding(user, id);
  }

  @Get('organizations/:id/stripe')
  @Auth('org_admin')
  @ApiOkResponse({ type: StripeAccountDto })
  stripeAccount(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StripeAccountDto> {
    return this.connect.status(user, id);
  }
}
