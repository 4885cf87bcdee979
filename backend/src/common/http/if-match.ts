import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error.js';

const ENTITY_TAG = /^(?:W\/)?"(\d{1,15})"$/;

/**
 * The version named by `If-Match` (an ETag this API sent), or undefined when the header is absent
 * or `*`: the write then applies to whatever version is current.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = ENTITY_TAG.exec(header.trim());
  if (!match)
    throw new DomainError('validation.failed', 'If-Match must be an ETag this API sent, e.g. "3"', {
      field: 'If-Match',
    });
  return Number(match[1]);
}

/** Route parameter: the expected version from `If-Match` (see parseIfMatch). */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  parseIfMatch(ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

/** Refuses a write prepared against an older version than the one stored (412). */
export function requireVersion(expected: number | undefined, current: number): void {
  if (expected !== undefined && expected !== current)
    throw new DomainError(
      'precondition.failed',
      'Someone else changed this since you opened it; reload to see their changes, then edit again',
      { expectedVersion: expected, currentVersion: current },
    );
}
