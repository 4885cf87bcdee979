import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard.js';
import { OptionalUser } from './optional-user.js';
import { PrincipalService } from './principal.service.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [TokenService, PrincipalService, OptionalUser, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, PrincipalService, OptionalUser],
})
export class AuthModule {}
