import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { loadMemberships } from '../../common/auth/principal.service.js';
import { sha256, TokenService } from '../../common/auth/token.service.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { requireVersion } from '../../common/http/if-match.js';
import { Env } from '../../config/env.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { LoginDto, RegisterDto, RegistrationDto, UpdateProfileDto, UserDto } from './dto/auth.dto.js';
import { spendEmailToken } from './email-tokens.js';
import * as sql from './identity.sql.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { hashIsOutdated, hashPassword, verifyPassword } from './password.js';
import type { IssuedSession } from './session-cookies.js';
import { User } from './user.entity.js';

const csrfMismatch = () =>
  new DomainError('auth.csrf_rejected', 'The CSRF token does not belong to this session');
/** At most one mail of each kind (verification, reset, registration attempt) per user in this time. */
export const MAIL_THROTTLE_MS = 60_000;

// Compared against when the e-mail is unknown, so a miss costs as much time as a wrong password.
const DUMMY_HASH = hashPassword('not-a-real-password');

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly env: Env,
    private readonly signIns: SignInThrottle,
  ) {}

  /**
   * Answers the same whether or not the address has an account, in about the same time (the
   * password is hashed either way): a new address gets a verification mail, a known one a mail
   * telling its owner that someone tried. Sign-in works before verification; what relies on the
   * address (invitations) waits for it.
   */
  async register(dto: RegisterDto): Promise<RegistrationDto> {
    const passwordHash = await hashPassword(dto.password);
    const { userId, created } = await this.dataSource.transaction(async (m) => {
      const id = await sql.insertUser(m, {
        email: dto.email,
        phone: dto.phone ?? null,
        displayName: dto.displayName,
        passwordHash,
      });
      if (!id) return { userId: (await sql.selectUserIdByEmail(m, dto.email))!, created: false };
      await this.audit.recordChange(m, id, 'user.registered', ['user', id], {
        after: { email: dto.email, displayName: dto.displayName },
      });
      return { userId: id, created: true };
    });
    await this.mail(created ? 'mail.verify_email' : 'mail.registration_attempt', userId);
    return { email: dto.email };
  }

  /** Queues a reset link when the address has an account; the caller learns nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    const userId = await sql.selectUserIdByEmail(this.dataSource, email);
    if (userId) await this.mail('mail.password_reset', userId);
  }

  /**
   * Sets a new password through a mailed link: the token is spent, every session of the user is
   * revoked (a thief signed in with the old password is out) and the change is audited, in one
   * transaction. The link also proves the address, so an unverified one becomes verified.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      const { userId } = await spendEmailToken(m, token, 'reset_password');
      await sql.setPasswordFromLink(m, userId, passwordHash);
      const sessions = await sql.lockLiveSessions(m, userId);
      for (const session of sessions) await this.revokeSession(m, session.id, userId, 'password reset');
      await this.audit.recordChange(m, userId, 'user.password_reset', ['user', userId], {
        after: { sessionsRevoked: sessions.length },
      });
    });
  }

  /**
   * Verifies the caller's address with the mailed link. Signed in: the link proves the mailbox, the
   * session proves the password, so the owner of an address who clicks the link of an account
   * someone else registered with it does not hand that account a verified address.
   */
  async verifyEmail(user: AuthUser, token: string): Promise<UserDto> {
    return this.dataSource.transaction(async (m) => {
      const { userId, email } = await spendEmailToken(m, token, 'verify_email', user.id);
      await sql.markEmailVerified(m, userId);
      await this.audit.recordChange(m, userId, 'user.email_verified', ['user', userId], {
        after: { email },
      });
      return this.profile(userId, m);
    });
  }

  /** Mails a new verification link to the signed-in user. */
  async resendVerification(user: AuthUser): Promise<void> {
    const profile = await this.profile(user.id);
    if (profile.emailVerified)
      throw new DomainError('state.invalid_transition', 'Your e-mail address is already verified');
    await this.mail('mail.verify_email', user.id);
  }

  /**
   * Queues one mail of the kind for the user: at most one a minute (BullMQ deduplication), so
   * nobody can flood an inbox through these public forms. Each queued request mails once (its own
   * key); a queue outage is logged, never returned as an error.
   */
  private async mail(
    name: 'mail.verify_email' | 'mail.password_reset' | 'mail.registration_attempt',
    userId: string,
  ): Promise<void> {
    const requestId = randomUUID();
    await this.jobs
      .add(
        name,
        { userId, requestId },
        { jobId: `${name}-${requestId}`, deduplication: { id: `${name}-${userId}`, ttl: MAIL_THROTTLE_MS } },
      )
      .catch((err: unknown) => {
        this.logger.warn(`${name} for ${userId} not queued: ${String(err)}`);
      });
  }

  async login(dto: LoginDto, ip: string | null): Promise<IssuedSession> {
    const source = ip ?? 'unknown';
    await this.signIns.admit(dto.email, source);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: dto.email })
      .getOne();
    const valid = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH), dto.password);
    if (!user || !valid) throw new DomainError('auth.invalid_credentials', 'E-mail or password is wrong');
    await this.signIns.succeeded(dto.email, source);
    // A hash made under an earlier policy costs its old price at every sign-in: made anew, now that
    // the password is known.
    const rehashed = hashIsOutdated(user.passwordHash) ? await hashPassword(dto.password) : null;
    return this.dataSource.transaction(async (m) => {
      if (rehashed) await sql.replaceOutdatedPasswordHash(m, user.id, user.passwordHash, rehashed);
      const sessionId = await sql.insertSession(m, user.id);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'session.started',
        entityType: 'session',
        entityId: sessionId,
      });
      return this.issue(m, user.id, sessionId);
    });
  }

  /**
   * Spends a refresh token and issues the next of its family. A token that was already spent
   * means someone replayed it: the whole family is revoked and the caller must sign in again.
   * The CSRF token must be the session's; if it is not, nothing changes.
   */
  async refresh(refreshToken: string | undefined, csrfToken: string): Promise<IssuedSession> {
    if (!refreshToken) throw new DomainError('auth.token_invalid', 'There is no refresh token; sign in');
    const outcome = await this.dataSource.transaction(async (m) => {
      const row = await sql.lockRefreshToken(m, sha256(refreshToken));
      if (!row || row.revoked)
        return { error: new DomainError('auth.token_invalid', 'The refresh token is not valid') };
      if (!this.tokens.csrfTokenMatches(row.session_id, csrfToken)) return { error: csrfMismatch() };
      if (row.spent_at) {
        await this.revokeSession(m, row.session_id, row.user_id, 'refresh token reused');
        return {
          error: new DomainError(
            'auth.refresh_reused',
            'This refresh token was already used; the session was ended for safety',
          ),
        };
      }
      if (row.expires_at.getTime() <= Date.now()) {
        return {
          error: new DomainError('auth.token_expired', 'The refresh token has expired; sign in again'),
        };
      }
      await sql.spendRefreshToken(m, row.id);
      return { pair: await this.issue(m, row.user_id, row.session_id) };
    });
    // Thrown after the commit so that the revocation of a reused family is kept.
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  /** Ends the refresh token's session, if it is live; the CSRF token must be the session's. */
  async logout(refreshToken: string | undefined, csrfToken: string): Promise<void> {
    if (!refreshToken) return;
    await this.dataSource.transaction(async (m) => {
      const row = await sql.lockLiveSessionOfToken(m, sha256(refreshToken));
      if (!row) return;
      if (!this.tokens.csrfTokenMatches(row.session_id, csrfToken)) throw csrfMismatch();
      await this.revokeSession(m, row.session_id, row.user_id, 'logout');
    });
  }

  async updateProfile(user: AuthUser, dto: UpdateProfileDto, expectedVersion?: number): Promise<UserDto> {
    return this.dataSource.transaction(async (m) => {
      await m.findOne(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      const before = await this.profile(user.id, m);
      requireVersion(expectedVersion, before.version);
      await m.update(
        User,
        { id: user.id },
        {
          displayName: dto.displayName ?? before.displayName,
          locale: dto.locale ?? before.locale,
          version: () => 'version + 1',
        },
      );
      const after = await this.profile(user.id, m);
      await this.audit.recordChange(m, user.id, 'user.profile_updated', ['user', user.id], {
        before: { displayName: before.displayName, locale: before.locale },
        after: { displayName: after.displayName, locale: after.locale },
      });
      return after;
    });
  }

  async profile(userId: string, manager: EntityManager = this.dataSource.manager): Promise<UserDto> {
    const user = await manager.findOneBy(User, { id: userId });
    if (!user) throw notFound('User', userId);
    // Through the caller's manager: inside a transaction, reads must use the transaction's connection.
    const memberships = await loadMemberships(manager, userId);
    return {
      id: user.id,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
      displayName: user.displayName,
      phone: user.phone,
      locale: user.locale,
      version: user.version,
      memberships: memberships.map(({ id, role, regionId, organizationId, scopeName }) => ({
        id,
        role,
        regionId,
        organizationId,
        scopeName,
      })),
    };
  }

  private async issue(m: EntityManager, userId: string, sessionId: string): Promise<IssuedSession> {
    const { token, hash } = this.tokens.newRefreshToken();
    await sql.insertRefreshToken(m, hash, sessionId, this.env.REFRESH_TOKEN_TTL_DAYS);
    return {
      body: {
        accessToken: this.tokens.signAccess(userId, sessionId),
        expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
        user: await this.profile(userId, m),
      },
      refreshToken: token,
      csrfToken: this.tokens.csrfToken(sessionId),
    };
  }

  private async revokeSession(
    m: EntityManager,
    sessionId: string,
    userId: string,
    reason: string,
  ): Promise<void> {
    await sql.revokeSession(m, sessionId, reason);
    await this.audit.recordChange(m, userId, 'session.revoked', ['session', sessionId], {
      after: { reason },
    });
  }
}
