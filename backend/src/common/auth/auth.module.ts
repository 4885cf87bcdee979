import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessService } from './access.service.js';
import { AuthGuard } from './auth.guard.js';
import { PrincipalService } from './principal.service.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [TokenService, PrincipalService, AccessService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, PrincipalService, AccessService],
})
export class AuthModule {}
