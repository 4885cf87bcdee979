import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import { AccessService } from '../../common/auth/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/page.js';
import {
  DepositDto,
  HelpRequestDto,
  HelpRequestsQueryDto,
  HelpStatus,
  PostHelpRequestDto,
  TimeAccountDto,
  TimePostingDto,
  TimePostingsQueryDto,
} from './dto/time-bank.dto.js';
import * as sql from './time-bank.sql.js';
import { volunteerOf } from './volunteers.sql.js';

type Step = 'accept' | 'fulfil' | 'confirm' | 'cancel';

/** Which status each step leaves, and from which it may be taken. */
const STEPS: Record<Step, { from: HelpStatus[]; to: HelpStatus }> = {
  accept: { from: ['open'], to: 'accepted' },
  fulfil: { from: ['accepted'], to: 'fulfilled' },
  confirm: { from: ['fulfilled'], to: 'confirmed' },
  cancel: { from: ['open', 'accepted'], to: 'cancelled' },
};

/**
 * The time bank (时间银行): minutes of certified volunteer hours saved as credits, spent on
 * neighbours' help. Its ledger is its own (time_journal, time_postings), never the money ledger:
 * credits enter from the `issued` account against one certified hours entry each; a help request
 * holds its credits (member → `held`) when posted, and the receiver's confirmation settles them
 * to the helper (`held` → helper), a cancellation releases them. Every spend locks the member's
 * account row first, so concurrent spends see each other and a balance never goes below zero.
 */
@Injectable()
export class TimeBankService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async account(user: AuthUser): Promise<TimeAccountDto> {
    return this.dataSource.transaction(async (m) => {
      const accountId = await sql.memberAccount(m, user.id);
      return {
        balanceMinutes: await sql.balance(m, accountId),
        heldMinutes: await sql.heldFor(m, user.id),
      };
    });
  }

  /** My statement of account, a page at a time, newest first. */
  async statement(user: AuthUser, query: TimePostingsQueryDto): Promise<Page<TimePostingDto>> {
    const accountId = await sql.memberAccount(this.dataSource, user.id);
    return timeKeyedPage(query, (keyset) => sql.postingsOf(this.dataSource, accountId, keyset));
  }

  /** Saves one of my certified hours entries as credits, once (the journal's unique hours_id decides). */
  async deposit(user: AuthUser, dto: DepositDto): Promise<TimeAccountDto> {
    await this.dataSource.transaction(async (m) => {
      const hours = await sql.hoursToDeposit(m, dto.hoursId);
      if (!hours || hours.volunteer_id !== user.id) throw notFound('Volunteer hours', dto.hoursId);
      if (!hours.certified)
        throw new DomainError(
          'state.invalid_transition',
          'Only certified hours (7 days without objection) become credits',
        );
      const journalId = await sql.post(m, {
        kind: 'earn',
        hoursId: dto.hoursId,
        createdBy: user.id,
        from: await sql.systemAccount(m, 'issued'),
        to: await sql.memberAccount(m, user.id),
        minutes: hours.minutes,
      });
      if (!journalId) throw new DomainError('state.conflict', 'These hours are saved as credits already');
      await this.audit.recordChange(m, user.id, 'time_credit.earned', ['time_journal', journalId], {
        after: { hoursId: dto.hoursId, minutes: hours.minutes },
      });
    });
    return this.account(user);
  }

  /** A volunteer asks neighbours for help, holding the credits offered. */
  async post(user: AuthUser, dto: PostHelpRequestDto): Promise<HelpRequestDto> {
    return this.dataSource.transaction(async (m) => {
      const volunteer = await volunteerOf(m, user.id);
      if (!volunteer) throw notFound('Volunteer profile', user.id);
      await this.access.requireRegion(user, ['resident'], volunteer.communityId, m);
      const accountId = await sql.memberAccount(m, user.id);
      const balance = await sql.lockedBalance(m, accountId);
      if (balance < dto.minutes)
        throw new DomainError('time_bank.insufficient_credits', 'Not enough time credits for this request', {
          balanceMinutes: balance,
          minutes: dto.minutes,
        });
      const id = await sql.insertHelpRequest(m, {
        ...dto,
        communityId: volunteer.communityId,
        requesterId: user.id,
      });
      await sql.post(m, {
        kind: 'hold',
        helpRequestId: id,
        createdBy: user.id,
        from: accountId,
        to: await sql.systemAccount(m, 'held'),
        minutes: dto.minutes,
      });
      await this.audit.recordChange(m, user.id, 'help_request.posted', ['help_request', id], {
        after: { ...dto },
      });
      return this.one(m, id);
    });
  }

  async get(user: AuthUser, id: string): Promise<HelpRequestDto> {
    const request = await this.one(this.dataSource, id);
    if (request.requesterId !== user.id && request.helperId !== user.id)
      await this.access.requireRegion(user, ['resident', 'community_staff'], request.communityId);
    return request;
  }

  async ofCommunity(
    user: AuthUser,
    communityId: string,
    query: HelpRequestsQueryDto,
  ): Promise<Page<HelpRequestDto>> {
    await this.access.requireRegion(user, ['resident', 'community_staff'], communityId);
    return timeKeyedPage(query, (keyset) =>
      sql.helpRequestsOfCommunity(this.dataSource, communityId, keyset),
    );
  }

  /**
   * One step of a help request: another volunteer of the community accepts it, the helper marks it
   * fulfilled, the receiver confirms (the held credits go to the helper) or cancels before it is
   * fulfilled (they come back).
   */
  async step(user: AuthUser, id: string, step: Step): Promise<HelpRequestDto> {
    return this.dataSource.transaction(async (m) => {
      const r = await sql.lockHelpRequest(m, id);
      if (!r) throw notFound('Help request', id);
      await this.requireActor(m, user, r, step);
      if (!STEPS[step].from.includes(r.status))
        throw new DomainError('state.invalid_transition', `A ${r.status} help request cannot be ${step}ed`);
      const { to } = STEPS[step];
      await sql.setHelpStatus(m, id, to, step === 'accept' ? user.id : undefined);
      if (step === 'confirm' || step === 'cancel') {
        const receiver = step === 'confirm' ? (r.helper_id as string) : r.requester_id;
        await sql.post(m, {
          kind: step === 'confirm' ? 'settle' : 'release',
          helpRequestId: id,
          createdBy: user.id,
          from: await sql.systemAccount(m, 'held'),
          to: await sql.memberAccount(m, receiver),
          minutes: r.minutes,
        });
      }
      await this.audit.recordStatusChange(m, user.id, `help_request.${to}`, ['help_request', id], r.status, {
        status: to,
        ...(step === 'accept' ? { helperId: user.id } : {}),
      });
      return this.one(m, id);
    });
  }

  private async requireActor(
    m: EntityManager,
    user: AuthUser,
    r: NonNullable<Awaited<ReturnType<typeof sql.lockHelpRequest>>>,
    step: Step,
  ): Promise<void> {
    if (step === 'accept') {
      await this.access.requireRegion(user, ['resident'], r.community_id, m);
      if (!(await volunteerOf(m, user.id))) throw notFound('Volunteer profile', user.id);
      if (r.requester_id === user.id)
        throw new DomainError('auth.out_of_scope', 'Another volunteer answers your request, not you');
      return;
    }
    const actor = step === 'fulfil' ? r.helper_id : r.requester_id;
    if (actor !== user.id)
      throw new DomainError(
        'auth.out_of_scope',
        step === 'fulfil'
          ? 'Only the helper marks a request fulfilled'
          : 'Only the requester confirms or cancels',
      );
  }

  private async one(m: EntityManager | DataSource, id: string): Promise<HelpRequestDto> {
    const request = await sql.helpRequestById(m, id);
    if (!request) throw notFound('Help request', id);
    return request;
  }
}
