import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { Operation } from '../../common/http/operation.js';
import { UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/page.js';
import {
  DepositDto,
  HelpRequestDto,
  HelpRequestPageDto,
  HelpRequestsQueryDto,
  PostHelpRequestDto,
  TimeAccountDto,
  TimePostingDto,
  TimePostingPageDto,
  TimePostingsQueryDto,
} from './dto/time-bank.dto.js';
import { TimeBankService } from './time-bank.service.js';

const STEP_ERRORS = ['auth.out_of_scope', 'resource.not_found', 'state.invalid_transition'] as const;

@ApiTags('time-bank')
@Controller()
export class TimeBankController {
  constructor(private readonly bank: TimeBankService) {}

  @Get('time-bank/me')
  @Operation({
    summary: 'Read my time credits',
    description:
      'My balance of time credits (minutes, derived from the postings) and what my open requests hold; the postings are my statement (GET /api/time-bank/me/postings).',
    auth: ['resident'],
    ok: TimeAccountDto,
  })
  account(@CurrentUser() user: AuthUser): Promise<TimeAccountDto> {
    return this.bank.account(user);
  }

  @Get('time-bank/me/postings')
  @Operation({
    summary: 'Page through my statement of account',
    description:
      'My postings, newest first: minutes in or out, what for (the activity of the hours saved, or the help request) and my balance right after each.',
    auth: ['resident'],
    ok: TimePostingPageDto,
  })
  statement(
    @CurrentUser() user: AuthUser,
    @Query() query: TimePostingsQueryDto,
  ): Promise<Page<TimePostingDto>> {
    return this.bank.statement(user, query);
  }

  @Post('time-bank/deposits')
  @Operation({
    summary: 'Save certified hours as time credits',
    description:
      'One of my certified hours entries becomes as many minutes of credit, once. Credits are not money.',
    auth: ['resident'],
    created: { type: TimeAccountDto, location: '/api/time-bank/me' },
    errors: ['resource.not_found', 'state.conflict', 'state.invalid_transition'],
  })
  deposit(@CurrentUser() user: AuthUser, @Body() dto: DepositDto): Promise<TimeAccountDto> {
    return this.bank.deposit(user, dto);
  }

  @Post('help-requests')
  @Operation({
    summary: 'Ask neighbours for help',
    description:
      'A volunteer posts a help request in their community, offering time credits that are held at once; 409 time_bank.insufficient_credits when the balance does not cover them (the database decides between concurrent requests).',
    auth: ['resident'],
    created: { type: HelpRequestDto, location: '/api/help-requests/{id}' },
    scoped: true,
    errors: ['time_bank.insufficient_credits'],
  })
  post(@CurrentUser() user: AuthUser, @Body() dto: PostHelpRequestDto): Promise<HelpRequestDto> {
    return this.bank.post(user, dto);
  }

  @Get('help-requests/:id')
  @Operation({
    summary: 'Read a help request',
    description: 'For its requester, its helper and those who see its community.',
    auth: ['resident', 'community_staff', 'platform_admin'],
    ok: HelpRequestDto,
    scoped: true,
  })
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<HelpRequestDto> {
    return this.bank.get(user, id);
  }

  @Get('communities/:communityId/help-requests')
  @Operation({
    summary: "Page through a community's help requests",
    description: 'Newest first.',
    auth: ['resident', 'community_staff', 'platform_admin'],
    ok: HelpRequestPageDto,
    scoped: true,
  })
  ofCommunity(
    @CurrentUser() user: AuthUser,
    @UuidParam('communityId') communityId: string,
    @Query() query: HelpRequestsQueryDto,
  ): Promise<Page<HelpRequestDto>> {
    return this.bank.ofCommunity(user, communityId, query);
  }

  @Post('help-requests/:id/accept')
  @Operation({
    summary: 'Offer to help',
    description: 'Another volunteer of the community takes an open request on.',
    auth: ['resident'],
    ok: HelpRequestDto,
    errors: STEP_ERRORS,
  })
  accept(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<HelpRequestDto> {
    return this.bank.step(user, id, 'accept');
  }

  @Post('help-requests/:id/fulfil')
  @Operation({
    summary: 'Mark a help request fulfilled',
    description: 'The helper says the help was given; the requester then confirms.',
    auth: ['resident'],
    ok: HelpRequestDto,
    errors: STEP_ERRORS,
  })
  fulfil(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<HelpRequestDto> {
    return this.bank.step(user, id, 'fulfil');
  }

  @Post('help-requests/:id/confirm')
  @Operation({
    summary: 'Confirm help received',
    description: 'The requester confirms; the held credits move to the helper.',
    auth: ['resident'],
    ok: HelpRequestDto,
    errors: STEP_ERRORS,
  })
  confirm(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<HelpRequestDto> {
    return this.bank.step(user, id, 'confirm');
  }

  @Post('help-requests/:id/cancel')
  @Operation({
    summary: 'Cancel a help request',
    description: 'The requester withdraws an open or accepted request; the held credits come back.',
    auth: ['resident'],
    ok: HelpRequestDto,
    errors: STEP_ERRORS,
  })
  cancel(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<HelpRequestDto> {
    return this.bank.step(user, id, 'cancel');
  }
}
