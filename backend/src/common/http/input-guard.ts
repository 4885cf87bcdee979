import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localizedMessage } from '../errors/error-messages.js';
import { problem, PROBLEM_JSON } from '../errors/problem.js';

/** Deeper JSON than any request of ours needs; deeper is an attack on parsers and validators. */
export const MAX_JSON_DEPTH = 32;

/**
 * What no route accepts, refused before validation with the common error body: strings holding a
 * NUL byte (PostgreSQL cannot store them) in the path, the query or the body, and bodies nested
 * deeper than MAX_JSON_DEPTH. Walks without recursion, so a deep body cannot exhaust the stack.
 */
export function badInput(request: FastifyRequest): string | null {
  const stack: [unknown, number][] = [
    [request.params, 0],
    [request.query, 0],
    [request.body, 0],
  ];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'Text may not contain NUL bytes';
    } else if (value !== null && typeof value === 'object') {
      if (depth > MAX_JSON_DEPTH) return `Input may be nested at most ${MAX_JSON_DEPTH} levels deep`;
      if (Buffer.isBuffer(value)) continue;
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return 'Text may not contain NUL bytes';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

export async function refuseBadInput(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const refusal = badInput(request);
  if (!refusal) return;
  const code = 'validation.failed';
  const message = localizedMessage({ code, message: refusal }, request.headers['accept-language']);
  await reply
    .code(400)
    .type(PROBLEM_JSON)
    .send(problem(400, { code, message }, request.url.split('?')[0]));
}

/**
 * Requests Node's HTTP parser refuses before the app sees them (oversized headers, malformed
 * request lines) still get the common error body.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request.headers_too_large', 'The request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request.timeout', 'The request took too long to arrive']
        : [400, 'request.invalid', 'The request is malformed'];
  const body = JSON.stringify(problem(status, { code, message }));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_JSON}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}
