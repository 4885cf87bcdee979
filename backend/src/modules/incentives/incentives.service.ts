import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AuditService } from '../../common/audit/audit.service.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { notFound } from '../../common/errors/domain-error.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { requireVersion } from '../../common/http/if-match.js';
import type { IncentiveAction } from './incentive.entity.js';
import { scoringDay } from '../scoring/scoring-day.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { incentivePoolAccount, LedgerService, type AccountSpec } from '../ledger/ledger.service.js';
import { IncentiveBonusesService } from './incentive-bonuses.service.js';
import {
  decideBadges,
  decideBars,
  decisionsInForce,
  decisionsOf,
  deleteStreetRules,
  insertStreetRule,
  isStreet,
  isVerifiedOrganization,
  lockRuleSet,
  poolOf,
  bumpRuleSetVersion,
  ruleSetVersion,
  rulesOf,
} from './incentives.sql.js';
import type {
  IncentiveDecisionView,
  IncentivePool,
  IncentiveRuleInput,
  IncentiveRuleSet,
  IncentiveRun,
  OrganizationIncentives,
} from './incentives.types.js';

import { checkRules } from './incentive-rules.js';

export { checkRules };
export type * from './incentives.types.js';

/**
 * Turns score snapshots into incentives (PRODUCT §7) from each street's rule table, after every
 * scoring run. Set-based and idempotent: running it again for the same day decides nothing new.
 */
@Injectable()
export class IncentivesService {
  private readonly logger = new Logger(IncentivesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly bonuses: IncentiveBonusesService,
    private readonly ledger: LedgerService,
    private readonly scoring: ScoringService,
  ) {}

  /**
   * Incentives follow scoring: recomputes the organizations' scores for the day (all verified ones
   * when null), then applies the rules to the new snapshots. Both steps are idempotent, so a retried
   * job is harmless. The workers' scoring jobs call this.
   */
  async scoreAndApply(day: string, organizationIds: string[] | null = null): Promise<IncentiveRun> {
    await this.scoring.recompute(day, organizationIds);
    return this.apply(day, organizationIds);
  }

  async apply(day: string, organizationIds: string[] | null = null): Promise<IncentiveRun> {
    return this.dataSource.transaction(async (m) => {
      const badges = await decideBadges(m, day, organizationIds);
      const bars = await decideBars(m, day, organizationIds);
      for (const d of [...badges, ...bars]) {
        await this.audit.record(m, {
          actorId: null,
          action: `incentive.${d.action}`,
          entityType: 'organization',
          entityId: d.organizationId,
          after: { decisionId: d.id, explanation: d.explanation },
        });
      }
      const bonuses = await this.bonuses.decide(m, day, organizationIds);
      if (bars.length) this.logger.log(`${bars.length} organization(s) barred from new bids`);
      return { badges: badges.length, bars: bars.length, bonuses };
    });
  }

  async ofOrganization(organizationId: string): Promise<OrganizationIncentives> {
    await this.requireVerified(organizationId);
    const inForce = await decisionsInForce(this.dataSource, organizationId, scoringDay());
    const of = (action: IncentiveAction) => inForce.find((d) => d.action === action) ?? null;
    return { organizationId, badge: of('badge'), bar: of('bar') };
  }

  /** Every decision on a verified organization, newest first, a page at a time. */
  async decisionsOf(organizationId: string, query: PageQueryDto): Promise<Page<IncentiveDecisionView>> {
    await this.requireVerified(organizationId);
    return timeKeyedPage(query, (keyset) => decisionsOf(this.dataSource, organizationId, keyset));
  }

  private async requireVerified(organizationId: string): Promise<void> {
    if (!(await isVerifiedOrganization(this.dataSource, organizationId)))
      throw notFound('Organization', organizationId);
  }

  async rulesOf(streetId: string, m: EntityManager = this.dataSource.manager): Promise<IncentiveRuleSet> {
    await this.requireStreet(streetId);
    const rules = await rulesOf(m, streetId);
    return {
      streetId,
      version: await ruleSetVersion(m, streetId),
      inherited: !rules.some((r) => r.own),
      rules: rules.map(({ own: _own, ...rule }) => rule),
    };
  }

  /**
   * The street director replaces the street's rule set; an empty set returns it to the platform
   * defaults. `expected` is the version the director edited (If-Match): 412 when someone replaced
   * the set since.
   */
  async replaceRules(
    user: AuthUser,
    streetId: string,
    rules: IncentiveRuleInput[],
    expected?: number,
  ): Promise<IncentiveRuleSet> {
    await this.requireStreet(streetId);
    await this.access.requireRegion(user, ['street_director'], streetId);
    checkRules(rules);
    await this.dataSource.transaction((m) => this.replaceRulesIn(m, user.id, streetId, rules, expected));
    return this.rulesOf(streetId);
  }

  /**
   * Replaces a street's rule set inside the caller's transaction, with its audit entry (the
   * director's page and the platform admin's street settings both come here). Rules checked by `checkRules`.
   */
  async replaceRulesIn(
    m: EntityManager,
    actorId: string,
    streetId: string,
    rules: IncentiveRuleInput[],
    expected?: number,
  ): Promise<void> {
    requireVersion(expected, await lockRuleSet(m, streetId));
    const before = await this.rulesOf(streetId, m);
    await deleteStreetRules(m, streetId);
    for (const r of rules) await insertStreetRule(m, streetId, r);
    await bumpRuleSetVersion(m, streetId);
    await this.audit.record(m, {
      actorId,
      action: 'incentive_rules.replace',
      entityType: 'street',
      entityId: streetId,
      before: { rules: before.rules },
      after: { rules },
    });
  }

  /** The street's incentive pool: what it holds, and what bonuses awaiting approval will draw. */
  async pool(user: AuthUser, streetId: string): Promise<IncentivePool> {
    await this.requireStreet(streetId);
    await this.access.requireRegion(user, ['street_finance', 'street_director', 'street_officer'], streetId);
    const row = await poolOf(this.dataSource, streetId);
    return { streetId, balanceFen: row.balance, pendingBonusesFen: row.pending };
  }

  /**
   * Street finance tops up the incentive pool from the street's incentive appropriation, a line of
   * its own (not the purchase-of-service budget of any year). Idempotent by reference.
   */
  async fundPool(
    user: AuthUser,
    streetId: string,
    amountFen: number,
    reference: string,
  ): Promise<IncentivePool> {
    await this.requireStreet(streetId);
    await this.access.requireRegion(user, ['street_finance'], streetId);
    await this.dataSource.transaction(async (m) => {
      const pool = await this.ledger.account(m, incentivePoolAccount(streetId), true);
      const appropriation = await this.ledger.account(m, incentiveAppropriation(streetId));
      await this.ledger.post(m, {
        reference: `incentive-pool:${streetId}:${reference}`,
        memo: 'Incentive pool top-up',
        actorId: user.id,
        lines: [
          { account: pool, amountFen },
          { account: appropriation, amountFen: -amountFen },
        ],
      });
    });
    return this.pool(user, streetId);
  }

  private async requireStreet(streetId: string): Promise<void> {
    if (!(await isStreet(this.dataSource, streetId))) throw notFound('Street', streetId);
  }
}

/** The street's incentive appropriation, a line of its own (not the purchase-of-service budget). */
const incentiveAppropriation = (streetId: string): AccountSpec => ({
  code: `appropriation:incentives:${streetId}`,
  kind: 'appropriation',
  name: 'Incentive appropriation',
  streetId,
});
