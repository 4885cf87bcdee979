import 'reflect-metadata';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { ErrorFilter } from './common/errors/error.filter.js';
import { clientErrorHandler, refuseBadInput } from './common/http/input-guard.js';
import { requestId } from './common/http/logger.js';
import { recordRoute } from './common/http/routes.js';
import { Env, loadEnv } from './config/env.js';
import { mountQueueDashboard } from './modules/admin/queue-dashboard.js';
import { REFRESH_COOKIE } from './modules/identity/session-cookies.js';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sanshe Linkage API')
    .setDescription(
      '三社联动: communities, social organizations and social workers, linked by purchase of services',
    )
    .setVersion('0.1.0')
    .setLicense('MulanPSL-2.0', 'http://license.coscl.org.cn/MulanPSL2')
    .addServer('/', 'The origin serving the web app, which forwards /api to the API')
    .addBearerAuth()
    .addCookieAuth(REFRESH_COOKIE, { type: 'apiKey', in: 'cookie', name: REFRESH_COOKIE }, REFRESH_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return withPlainReferences(document);
}

type Schema = Record<string, unknown>;

/**
 * Nest wraps every reference to a named enum in a one-element `allOf`: without siblings it says
 * nothing a plain `$ref` does not, and beside `nullable` it lacks the `type` OpenAPI 3.0 wants.
 */
function withPlainReferences(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)])) as Schema;
    const ref =
      Array.isArray(out.allOf) && out.allOf.length === 1 ? (out.allOf[0] as Schema).$ref : undefined;
    if (typeof ref !== 'string') return out;
    if (Object.keys(out).length === 1) return { $ref: ref };
    if (out.nullable && !out.type) out.type = schemas[ref.split('/').pop()!]?.type;
    return out;
  };
  return visit(document) as OpenAPIObject;
}

/**
 * Whose X-Forwarded-For to believe: only the proxies in TRUSTED_PROXIES (none by default), so a
 * client cannot choose its own address for the rate limits and the audit trail.
 */
function trustedProxies(env: Env): string[] | false {
  const list = env.TRUSTED_PROXIES.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

/** Builds the HTTP API exactly as it runs in production; main.ts and the e2e tests both use it. */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({
      trustProxy: trustedProxies(loadEnv()),
      bodyLimit: 1024 * 1024,
      genReqId: requestId,
      clientErrorHandler,
    }),
    // Raw bodies (req.rawBody) for the Stripe webhook, whose signature covers the exact bytes.
    // abortOnError false: a failed start rejects with its reason instead of exiting the process silently.
    options.logger === false
      ? { logger: false, rawBody: true, abortOnError: false }
      : { bufferLogs: true, rawBody: true, abortOnError: false },
  );
  if (options.logger !== false) app.useLogger(app.get(Logger));
  const env = app.get(Env);
  app.setGlobalPrefix('api');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    })
    .addHook('preValidation', refuseBadInput)
    .addHook('onRoute', recordRoute);
  app.enableShutdownHooks();
  app.enableCors({ origin: env.CORS_ORIGINS.split(',').map((o) => o.trim()), credentials: true });
  // The Swagger UI needs inline scripts and styles; the JSON API itself needs no CSP exceptions.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  // request.cookies and reply.setCookie: the refresh cookie (identity/session-cookies.ts).
  await app.register(cookie);
  await app.register(multipart, { limits: { files: 1, fields: 5 } });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/openapi.json' });
  await mountQueueDashboard(app);
  return app;
}
