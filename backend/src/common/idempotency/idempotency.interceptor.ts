import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { OptionalUser } from '../auth/optional-user.js';
import { DomainError } from '../errors/domain-error.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENT_KEY } from './idempotent.decorator.js';
import * as sql from './idempotency.sql.js';

/** How long a key and its answer are kept: a retry after that runs as a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a concurrent retry waits for the first request's answer before a 409 idempotency.in_flight. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 50;
const KEY_FORMAT = /^[\x21-\x7e]{16,255}$/;

/** Callers without a session (public donations) share one namespace: their keys must be unguessable. */
const ANONYMOUS = 'anonymous';

/** Deletes the expired keys (the daily `idempotency.purge` job); returns how many. */
export async function purgeExpiredIdempotencyKeys(dataSource: DataSource): Promise<number> {
  return sql.purgeExpired(dataSource);
}

/** Whose key it is (the signed-in user, or anonymous) and the key. */
type Claim = sql.KeyRef;

/**
 * Idempotency-Key for the routes marked @Idempotent() (the money-moving POSTs). The first request
 * claims (caller, key) with an INSERT on the primary key, committed before the handler runs; a
 * retry finds the row: the same request replays the stored answer, a concurrent one waits for it
 * (polling, no connection held), another request under that key is refused. Only a successful
 * answer is kept: on failure the claim is released (the handler's transaction rolled back, so
 * nothing moved) and the same key may be tried again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly optionalUser: OptionalUser,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.reflector.get<boolean>(IDEMPOTENT_KEY, context.getHandler())) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw new DomainError(
        'validation.failed',
        'Idempotency-Key must be one value of 16 to 255 visible ASCII characters (a UUID, say)',
      );
    }
    const user = request.user ?? (await this.optionalUser.of(request));
    const claim: Claim = { principal: user?.id ?? ANONYMOUS, key: header };
    const fingerprint = createHash('sha256')
      .update(canonicalJson([request.method, request.url, request.body ?? null]))
      .digest('hex');
    const stored = await this.claim(claim, fingerprint, request);
    if (stored) {
      void http.getResponse<FastifyReply>().header('idempotent-replayed', 'true');
      return of(stored.body);
    }
    const status: number = this.reflector.get(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return next.handle().pipe(
      catchError((err: unknown) => from(this.release(claim)).pipe(concatMap(() => throwError(() => err)))),
      // Should storing the answer fail, the key stays in flight (409 to retries until it expires):
      // never released after the handler succeeded, so the operation cannot run twice.
      concatMap((body) => from(this.complete(claim, status, body).then(() => body))),
    );
  }

  /** Claims the key (undefined), or returns the first answer to the same request under it. */
  private async claim(
    { principal, key }: Claim,
    fingerprint: string,
    request: FastifyRequest,
  ): Promise<{ body: unknown } | undefined> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claim = { principal, key };
      const path = request.url;
      if (
        await sql.claim(this.dataSource, claim, {
          fingerprint,
          method: request.method,
          path,
          ttlHours: IDEMPOTENCY_TTL_HOURS,
        })
      )
        return undefined;
      const row = await sql.claimed(this.dataSource, claim);
      if (!row) continue; // the first request failed and released the key meanwhile: claim it now
      if (row.fingerprint !== fingerprint) {
        throw new DomainError(
          'idempotency.key_reused',
          'This Idempotency-Key was already used for another request; use a new key for a new operation',
        );
      }
      if (row.status !== null) return { body: row.body ?? undefined };
      if (Date.now() >= deadline) {
        throw new DomainError(
          'idempotency.in_flight',
          'The first request with this Idempotency-Key is still running; retry shortly',
        );
      }
      await sleep(POLL_MS);
    }
  }

  private async complete(claim: Claim, status: number, body: unknown): Promise<void> {
    await sql.saveAnswer(this.dataSource, claim, status, body);
  }

  private async release(claim: Claim): Promise<void> {
    await sql.release(this.dataSource, claim);
  }
}
