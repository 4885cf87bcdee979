import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from './roles.js';
import { DomainError } from '../errors/domain-error.js';
import { AuthUser, hasRole } from './auth-user.js';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorator.js';
import { PrincipalService } from './principal.service.js';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token)
    throw new DomainError('auth.token_invalid', 'Malformed Authorization header');
  return token;
}

/** Global guard: every route needs a live session unless marked @Public(); @Auth(...roles) narrows the roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const token = bearerToken(request);
    if (!token) throw new DomainError('auth.unauthenticated', 'Sign in to continue');
    const user = await this.principals.fromAccessToken(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (roles.length > 0 && !hasRole(user, roles)) {
      throw new DomainError('auth.forbidden', `This action requires one of the roles: ${roles.join(', ')}`);
    }
    request.user = user;
    return true;
  }
}
