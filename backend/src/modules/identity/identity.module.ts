import { Module } from '@nestjs/common';
import { AuthController, MeController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SignInThrottle } from './sign-in-throttle.js';

@Module({
  controllers: [AuthController, MeController],
  providers: [AuthService, SignInThrottle],
  exports: [AuthService],
})
export class IdentityModule {}
