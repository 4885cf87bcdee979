import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ReadFrom } from '../../database/replica.js';
import { XSRF_COOKIE } from './session-cookie-names.js';

/**
 * Where a public route reads (onReplica): a request that carries a session, its access token or
 * the session's CSRF cookie (sent with every request of a signed-in browser), reads the primary, as
 * every authenticated route does: the caller may be looking at its own change, which a replica may
 * not have replayed yet. Anonymous visitors, the bulk of the public traffic, read a replica.
 */
export function readsFrom(request: FastifyRequest): ReadFrom {
  return request.headers.authorization || request.cookies?.[XSRF_COOKIE] ? 'primary' : 'replica';
}

/** The route's {@link readsFrom} as a handler parameter. */
export const ReadsFrom = createParamDecorator((_: unknown, ctx: ExecutionContext): ReadFrom =>
  readsFrom(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
