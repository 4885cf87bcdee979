import type { MembershipDto, TokenPairDto, UserDto } from '../api/models';
import type { Role } from '../auth/roles';

/** Test data shaped like the API's answers. */
export function user(roles: Role[] = [], overrides: Partial<UserDto> = {}): UserDto {
  const memberships: MembershipDto[] = roles.map((role, i) => ({
    id: `m${i + 1}`,
    role,
    regionId: 'r1',
    organizationId: null,
    scopeName: '阳光街道',
  }));
  return {
    id: 'u1',
    email: 'officer@demo.sanshe.cn',
    emailVerified: true,
    displayName: '王科长',
    phone: null,
    locale: 'zh-CN',
    version: 1,
    memberships,
    ...overrides,
  };
}

export function tokenPair(n: number, roles: Role[] = ['street_officer']): TokenPairDto {
  return { accessToken: `access-${n}`, expiresIn: 900, user: user(roles) };
}

/**
 * What the API's Set-Cookie does in a browser: the session's readable CSRF cookie (the refresh
 * cookie is HttpOnly, invisible to the page). jsdom is served over http, so no Secure here.
 */
export function setCsrfCookie(value: string): void {
  document.cookie = `XSRF-TOKEN=${value}; Path=/`;
}

export function csrfCookie(): string | null {
  return /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie)?.[1] ?? null;
}

/** Lets pending promise callbacks (the generated client's firstValueFrom chains) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve));
