import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The whole API listening on a loopback port, called over real HTTP. */
export class Api {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<Api> {
    const app = await createApp({ logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return new Api(app, await app.getUrl());
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const payload =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl.replace('[::1]', '127.0.0.1')}${path}`, {
      method,
      headers,
      body: payload,
    });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: json, headers: res.headers };
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
