import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles.js';
import type { AuthUser } from './auth-user.js';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Anyone may call this route, signed in or not. Every other route needs a valid access token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Signed-in callers holding at least one of `roles` (any role when none is given). The service
 * still checks the scope of the resource itself.
 */
export const Auth = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Requires one of: ${roles.join(', ')}` })] : []),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
