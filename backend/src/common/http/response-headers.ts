import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nextLink } from '../pagination/page.js';
import { map, type Observable } from 'rxjs';
import { ETAG_KEY, LOCATION_KEY } from './operation.js';

/** `/api/needs/{id}` with the body's `id` filled in. */
export const fillLocation = (template: string, body: Record<string, unknown>) =>
  template.replace(/\{(\w+)\}/g, (_, field: string) => encodeURIComponent(String(body[field])));

export const etagOf = (version: number) => `"${version}"`;

const isPage = (body: unknown): body is { items: unknown[]; nextCursor: string | null; links?: unknown } =>
  typeof body === 'object' &&
  body !== null &&
  Array.isArray((body as { items?: unknown }).items) &&
  'nextCursor' in body;

/**
 * Every page gets `links.next` from its request's own URL, so services never build URLs. Headers
 * a route declares in its @Operation and fills from its response: `Location` for what
 * it created or started, `ETag` for a resource's version.
 */
@Injectable()
export class ResponseHeadersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const location = this.reflector.get<string | undefined>(LOCATION_KEY, context.getHandler());
    const etag = this.reflector.get<boolean | undefined>(ETAG_KEY, context.getHandler());
    const http = context.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const url = http.getRequest<FastifyRequest>().url;
    return next.handle().pipe(
      map((body: unknown) => {
        if (isPage(body)) return { ...body, links: { next: nextLink(url, body.nextCursor) } };
        const fields = (body ?? {}) as Record<string, unknown>;
        if (location) void reply.header('location', fillLocation(location, fields));
        if (etag && typeof fields.version === 'number') void reply.header('etag', etagOf(fields.version));
        return body;
      }),
    );
  }
}
