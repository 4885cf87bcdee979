import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorator.js';
import { SignInRateLimit } from '../../common/http/rate-limit.js';
import {
  EmailTokenDto,
  ForgotPasswordDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  RegistrationDto,
  ResetPasswordDto,
  TokenPairDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenPairDto> {
    return this.auth.login(dto, request.ip ?? null);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse()
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
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
