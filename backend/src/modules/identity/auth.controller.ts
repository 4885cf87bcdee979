import { Body, Controller, Get, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/auth.decorator.js';
import { IfMatch } from '../../common/http/if-match.js';
import { Operation, type OperationSpec } from '../../common/http/operation.js';
import { SignInRateLimit } from '../../common/http/rate-limit.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Env } from '../../config/env.js';
import {
  EmailTokenDto,
  ForgotPasswordDto,
  LoginDto,
  RegisterDto,
  RegistrationDto,
  ResetPasswordDto,
  TokenPairDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto.js';
import { AuthService } from './auth.service.js';
import {
  clearSessionCookies,
  csrfTokenOf,
  REFRESH_COOKIE,
  setSessionCookies,
  XSRF_HEADER,
} from './session-cookies.js';

/** What refresh and logout need besides the refresh cookie (see session-cookies.ts). */
const CsrfHeader = () =>
  ApiHeader({ name: XSRF_HEADER, required: true, description: 'The XSRF-TOKEN cookie, echoed' });

/** Refresh and logout are public to the access-token guard but authenticate by the refresh cookie. */
const BY_REFRESH_COOKIE = { auth: 'public', security: [{ [REFRESH_COOKIE]: [] }] } as const satisfies Pick<
  OperationSpec,
  'auth' | 'security'
>;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  /** 202 with the same body whether or not the address has an account: the mail tells the owner. */
  @Post('register')
  @Operation({
    summary: 'Register an account',
    description:
      'Answers the same (202) whether or not the address has an account, in about the same time: a new address gets a verification mail, a known one a mail telling its owner someone tried. Sign-in works before verification.',
    auth: 'public',
    accepted: { type: RegistrationDto, location: '/api/me' },
    errors: ['rate_limited'],
  })
  @SignInRateLimit()
  register(@Body() dto: RegisterDto): Promise<RegistrationDto> {
    return this.auth.register(dto);
  }

  /** 202 whether or not the address has an account; a known one is mailed a one-time link. */
  @Post('password/forgot')
  @Operation({
    summary: 'Ask for a password reset link',
    description:
      'Answers 202 whether or not the address has an account; a known one is mailed a one-time link.',
    auth: 'public',
    accepted: { description: 'A known address is mailed a one-time link' },
    errors: ['rate_limited'],
  })
  @SignInRateLimit()
  forgotPassword(@Body() dto: ForgotPasswordDto): Promise<void> {
    return this.auth.requestPasswordReset(dto.email);
  }

  /** Spends the mailed link, sets the password and signs every session out. */
  @Post('password/reset')
  @Operation({
    summary: 'Set a new password by the mailed link',
    description:
      'Spends the mailed link, sets the password (which also verifies the address) and signs every session of the account out.',
    auth: 'public',
    noContent: true,
    errors: ['auth.link_invalid', 'auth.link_expired', 'rate_limited'],
  })
  @SignInRateLimit()
  resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    return this.auth.resetPassword(dto.token, dto.password);
  }

  @Post('login')
  @Operation({
    summary: 'Sign in',
    description:
      'Trades e-mail and password for an access token; the refresh token comes as an HttpOnly cookie with its CSRF cookie. Too many failed sign-ins for an account or from an address are refused for a while.',
    auth: 'public',
    ok: TokenPairDto,
    errors: ['auth.invalid_credentials', 'auth.too_many_attempts', 'rate_limited'],
  })
  @SignInRateLimit()
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    return setSessionCookies(reply, await this.auth.login(dto, request.ip ?? null), this.env);
  }

  /** Trades the refresh cookie for a new access token and the next refresh cookie. */
  @Post('refresh')
  @Operation({
    summary: 'Refresh the access token',
    description:
      'Spends the refresh cookie for a new access token and the next refresh cookie of its family. A refresh token used twice ends the session. The CSRF header must echo the XSRF-TOKEN cookie.',
    ...BY_REFRESH_COOKIE,
    ok: TokenPairDto,
    errors: [
      'auth.token_invalid',
      'auth.token_expired',
      'auth.refresh_reused',
      'auth.csrf_rejected',
      'rate_limited',
    ],
  })
  @SignInRateLimit()
  @CsrfHeader()
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    const csrfToken = csrfTokenOf(request, this.env);
    try {
      return setSessionCookies(
        reply,
        await this.auth.refresh(request.cookies[REFRESH_COOKIE], csrfToken),
        this.env,
      );
    } catch (err) {
      // A refused refresh cookie is of no more use: the browser drops it (a CSRF refusal keeps it).
      if (err instanceof DomainError && err.code !== 'auth.csrf_rejected') clearSessionCookies(reply);
      throw err;
    }
  }

  @Post('logout')
  @Operation({
    summary: 'Sign out',
    description:
      "Ends the refresh cookie's session, if it is live, and clears the cookies. The CSRF header must echo the XSRF-TOKEN cookie.",
    ...BY_REFRESH_COOKIE,
    noContent: true,
    errors: ['auth.csrf_rejected'],
  })
  @CsrfHeader()
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(request.cookies[REFRESH_COOKIE], csrfTokenOf(request, this.env));
    clearSessionCookies(reply);
  }
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Operation({
    summary: 'Read my account',
    description:
      'The caller’s account: name, e-mail and whether it is verified, and the roles in force with their scopes.',
    auth: 'any',
    ok: UserDto,
    etag: true,
  })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.profile(user.id);
  }

  /** Spends the mailed verification link of the caller's own account (another account's is refused). */
  @Post('email/verify')
  @Operation({
    summary: 'Verify my e-mail address',
    description:
      "Spends the mailed verification link of the caller's own account; another account's link is refused.",
    auth: 'any',
    ok: UserDto,
    errors: ['auth.link_invalid', 'auth.link_expired', 'rate_limited'],
  })
  @SignInRateLimit()
  verifyEmail(@CurrentUser() user: AuthUser, @Body() dto: EmailTokenDto): Promise<UserDto> {
    return this.auth.verifyEmail(user, dto.token);
  }

  /** Mails a new verification link to the caller's address. */
  @Post('email/verification')
  @Operation({
    summary: 'Mail me a new verification link',
    description: "Mails a new verification link to the caller's address (at most one a few minutes).",
    auth: 'any',
    accepted: { description: 'A new link is on its way' },
    errors: ['rate_limited'],
  })
  @SignInRateLimit()
  resendVerification(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.resendVerification(user);
  }

  @Patch()
  @Operation({
    summary: 'Edit my account',
    description:
      "The caller changes the account's display name or language. With `If-Match`, a change by someone else since (another tab, a password reset, the address verified) answers 412.",
    auth: 'any',
    ok: UserDto,
    etag: true,
    ifMatch: true,
  })
  update(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateProfileDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<UserDto> {
    return this.auth.updateProfile(user, dto, expectedVersion);
  }
}
