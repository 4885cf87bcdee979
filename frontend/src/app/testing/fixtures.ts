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
    memberships,
    ...overrides,
  };
}

export function tokenPair(n: number, roles: Role[] = ['street_officer']): TokenPairDto {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user: user(roles) };
}

/** Lets pending promise callbacks (the generated client's firstValueFrom chains) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve));
