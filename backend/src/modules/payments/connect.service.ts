import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';
import { StripeAccountDto, StripeOnboardingDto } from './dto/payments.dto.js';
import {
  connectedAccountOf,
  lockConnectedAccount,
  organizationToConnect,
  setConnectedAccount,
} from './stripe-accounts.sql.js';
import { providerError, StripeClient } from './stripe-client.js';

/**
 * Stripe Connect onboarding of organizations (each receives its payouts on a connected account,
 * PRODUCT §6). Donations through Checkout are the fund module's (FundService.donate).
 */
@Injectable()
export class ConnectService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly stripe: StripeClient,
    private readonly env: Env,
  ) {}

  /**
   * Creates the organization's connected account on first use (idempotently: a retried or concurrent
   * call gets the same account) and returns a fresh onboarding link for its admin.
   */
  async onboarding(user: AuthUser, organizationId: string): Promise<StripeOnboardingDto> {
    this.access.requireOrganization(user, ['org_admin'], organizationId);
    const api = this.stripe.api;
    const org = await organizationToConnect(this.dataSource, organizationId);
    if (!org) throw notFound('Organization', organizationId);
    if (org.status !== 'verified') {
      throw new DomainError(
        'organization.ineligible',
        'Only verified organizations connect a payout account',
        {
          status: org.status,
        },
      );
    }
    let accountId = org.stripe_account_id;
    if (!accountId) {
      const account = await api.accounts
        .create(
          {
            type: 'express',
            capabilities: { transfers: { requested: true } },
            metadata: { organization_id: organizationId },
          },
          { idempotencyKey: `sanshe-org-account-${organizationId}` },
        )
        .catch((err: unknown) => {
          throw providerError(err);
        });
      accountId = await this.dataSource.transaction(async (m) => {
        const stored = await lockConnectedAccount(m, organizationId);
        if (stored) return stored;
        await setConnectedAccount(m, organizationId, account.id);
        await this.audit.recordChange(
          m,
          user.id,
          'organization.stripe_account_created',
          ['organization', organizationId],
          {
            after: { accountId: account.id },
          },
        );
        return account.id;
      });
    }
    // Back to the organization's payouts page of the web app, which reads the new status.
    const back = `${this.env.WEB_URL.replace(/\/$/, '')}/payouts?organization=${organizationId}`;
    const link = await api.accountLinks
      .create({
        account: accountId,
        type: 'account_onboarding',
        refresh_url: `${back}&stripe=refresh`,
        return_url: `${back}&stripe=return`,
      })
      .catch((err: unknown) => {
        throw providerError(err);
      });
    return {
      ...(await this.account(organizationId)),
      url: link.url,
      expiresAt: new Date(link.expires_at * 1000),
    };
  }

  async status(user: AuthUser, organizationId: string): Promise<StripeAccountDto> {
    this.access.requireOrganization(user, ['org_admin'], organizationId);
    return this.account(organizationId);
  }

  private async account(organizationId: string): Promise<StripeAccountDto> {
    const row = await connectedAccountOf(this.dataSource, organizationId);
    if (!row) throw notFound('Organization', organizationId);
    return row;
  }
}
