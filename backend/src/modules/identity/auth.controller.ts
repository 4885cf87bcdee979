import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
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

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  /** 202 with the same body whether or not the address has an account: the mail tells the owner. */
  @Post('register')
  @Public()
  @HttpCode(202)
  @SignInRateLimit()
  @ApiAcceptedResponse({ type: RegistrationDto })
  register(@Body() dto: RegisterDto): Promise<RegistrationDto> {
    return this.auth.register(dto);
  }

  /** 202 whether or not the address has an account; a known one is mailed a one-time link. */
  @Post('password/forgot')
  @Public()
  @HttpCode(202)
  @SignInRateLimit()
  @ApiAcceptedResponse()
  forgotPassword(@Body() dto: ForgotPasswordDto): Promise<void> {
    return this.auth.requestPasswordReset(dto.email);
  }

  /** Spends the mailed link, sets the password and signs every session out. */
  @Post('password/reset')
  @Public()
  @HttpCode(204)
  @SignInRateLimit()
  @ApiNoContentResponse()
  resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    return this.auth.resetPassword(dto.token, dto.password);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this account' })
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto> {
    return setSessionCookies(reply, await this.auth.login(dto, request.ip ?? null), this.env);
  }

  /** Trades the refresh cookie for a new access token and the next refresh cookie. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiCookieAuth(REFRESH_COOKIE)
  @CsrfHeader()
  @ApiOkResponse({ type: TokenPairDto })
  @ApiForbiddenResponse({
    description: 'auth.csrf_rejected: CSRF token missing or wrong, or a foreign Origin',
  })
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
  @Public()
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @CsrfHeader()
  @ApiNoContentResponse()
  @ApiForbiddenResponse({
    description: 'auth.csrf_rejected: CSRF token missing or wrong, or a foreign Origin',
  })
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
  @Auth()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.profile(user.id);
  }

  /** Spends the mailed verification link of the caller's own account (another account's is refused). */
  @Post('email/verify')
  @Auth()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOkResponse({ type: UserDto })
  verifyEmail(@CurrentUser() user: AuthUser, @Body() dto: EmailTokenDto): Promise<UserDto> {
    return this.auth.verifyEmail(user, dto.token);
  }

  /** Mails a new verification link to the caller's address. */
  @Post('email/verification')
  @Auth()
  @HttpCode(202)
  @SignInRateLimit()
  @ApiAcceptedResponse()
  resendVerification(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.resendVerification(user);
  }

  @Patch()
  @Auth()
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.auth.updateProfile(user, dto);
  }
}
