import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
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
  LoginDto,
  RefreshDto,
  RegisterDto,
  TokenPairDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @SignInRateLimit()
  @ApiCreatedResponse({ type: UserDto })
  register(@Body() dto: RegisterDto): Promise<UserDto> {
    return this.auth.register(dto);
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

  @Patch()
  @Auth()
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.auth.updateProfile(user, dto);
  }
}
