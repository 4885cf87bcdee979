import ExcelJS from 'exceljs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { mintEmailToken } from '../../src/modules/identity/email-tokens.js';

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

/** Signs in through the API and returns the access token. */
/**
 * The ids of every item of a paged list, following `links.next` from `first` (each page at most
 * as long as its `limit`).
 */
export async function idsOfEveryPage(api: Api, first: string, token: string): Promise<string[]> {
  const limit = Number(new URL(first, 'http://x').searchParams.get('limit'));
  const seen: string[] = [];
  let next: string | null = first;
  while (next) {
    const page: TestResponse<{ items: { id: string }[]; links: { next: string | null } }> = await api.request(
      'GET',
      next,
      { token },
    );
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.body.items.map((i) => i.id));
    next = page.body.links.next;
  }
  return seen;
}

export async function tokenFor(api: Api, email: string, password = 'Demo1234!'): Promise<string> {
  const res = await api.request('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** Registers a new account and returns its access token. */
export async function newUser(api: Api, email: string, phone?: string): Promise<string> {
  const res = await api.request('POST', '/api/auth/register', {
    body: { email, password: 'long-enough-1', displayName: email.split('@')[0], ...(phone ? { phone } : {}) },
  });
  if (res.status !== 202)
    throw new Error(`register ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return tokenFor(api, email, 'long-enough-1');
}

/** Verifies the account's e-mail through the API, signed in as it, with a link minted as the mail worker does. */
export async function verifyEmail(
  api: Api,
  db: DataSource,
  email: string,
  password = 'long-enough-1',
): Promise<void> {
  const [user]: { id: string }[] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  const token = await mintEmailToken(db.manager, { id: user.id, email }, 'verify_email', 60);
  const res = await api.request('POST', '/api/me/email/verify', {
    token: await tokenFor(api, email, password),
    body: { token },
  });
  if (res.status !== 200)
    throw new Error(`verify ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The session cookies' names as browsers see them (literal, so a rename breaks the tests). */
export const REFRESH_COOKIE = 'sanshe_refresh';
export const XSRF_COOKIE = 'XSRF-TOKEN';

/** One cookie the response sets: its value and its attributes, lower-cased. */
export function setCookie(res: TestResponse, name: string): { value: string; attributes: string[] } {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return { value: pair.slice(name.length + 1), attributes: attributes.map((a) => a.toLowerCase()) };
}

/** What a browser holds after signing in: the access token and the session cookies. */
export interface BrowserSession {
  accessToken: string;
  /** The Cookie header a browser would send to /api/auth. */
  cookie: string;
  xsrf: string;
}

export const browserSession = (res: TestResponse): BrowserSession => ({
  accessToken: res.body.accessToken,
  cookie: `${REFRESH_COOKIE}=${setCookie(res, REFRESH_COOKIE).value}; ${XSRF_COOKIE}=${setCookie(res, XSRF_COOKIE).value}`,
  xsrf: setCookie(res, XSRF_COOKIE).value,
});

/** A refresh as the web app sends it: the cookies, and the CSRF token echoed in a header. */
export const refreshAs = (api: Api, s: BrowserSession, headers: Record<string, string> = {}) =>
  api.request('POST', '/api/auth/refresh', {
    headers: { cookie: s.cookie, 'x-xsrf-token': s.xsrf, ...headers },
  });

/** Uploads a file as the multipart field `file`, as the import pages do. */
export async function uploadFile(
  api: Api,
  path: string,
  fileName: string,
  data: Buffer | string,
  token: string,
) {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), fileName);
  const res = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

/** An XLSX workbook of one sheet holding these rows (the first one the headers). */
export async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('import');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
