import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user.js';
import { bearerToken } from './auth.guard.js';
import { PrincipalService } from './principal.service.js';

/** For public routes that show more to a signed-in caller: the caller when a valid token came along, else undefined. */
@Injectable()
export class OptionalUser {
  constructor(private readonly principals: PrincipalService) {}

  async of(request: FastifyRequest): Promise<AuthUser | undefined> {
    const token = bearerToken(request);
    return token ? this.principals.fromAccessToken(token) : undefined;
  }
}
