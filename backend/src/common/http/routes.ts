import type { FastifyRequest, RouteOptions } from 'fastify';

/** Every route's path as a pattern and the methods it answers, recorded as routes are added. */
const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

const toPattern = (url: string) =>
  new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*|:[^/]+/g, '[^/]+')}/?$`);

/** Fastify `onRoute` hook (app.factory.ts). */
export function recordRoute(route: RouteOptions): void {
  const entry = routes.get(route.url) ?? { pattern: toPattern(route.url), methods: new Set<string>() };
  for (const method of [route.method].flat()) entry.methods.add(method);
  routes.set(route.url, entry);
}

/** The methods the request's path does answer, when no route matched its method (else none). */
export function allowedMethods(request: FastifyRequest): string[] {
  const path = request.url.split('?')[0];
  const methods = new Set<string>();
  for (const { pattern, methods: m } of routes.values())
    if (pattern.test(path)) m.forEach((x) => methods.add(x));
  return [...methods].sort();
}
