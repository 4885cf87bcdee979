import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../../common/auth/auth-user.js';
import { bearerToken } from '../../common/auth/auth.guard.js';
import { PrincipalService } from '../../common/auth/principal.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { statusOf } from '../../common/errors/error.filter.js';
import { QUEUES } from '../../jobs/catalogue.js';

export const DASHBOARD_PATH = '/api/admin/queues';
export const DASHBOARD_COOKIE = 'sanshe_queues';

/**
 * Bull Board at /api/admin/queues, for platform admins only. A browser navigating there cannot
 * send a bearer header, so the web app first trades its access token for an HttpOnly cookie
 * scoped to this path (POST /api/admin/queue-dashboard/session).
 */
export async function mountQueueDashboard(app: INestApplication): Promise<void> {
  const principals = app.get(PrincipalService);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter,
  });
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          const token = bearerToken(request) ?? request.cookies[DASHBOARD_COOKIE];
          if (!token)
            throw new DomainError('auth.unauthenticated', 'Sign in as a platform admin to see the queues');
          const user = await principals.fromAccessToken(token);
          if (!hasRole(user, ['platform_admin']))
            throw new DomainError('auth.forbidden', 'Only platform admins may see the queues');
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          return reply.status(statusOf(err.code)).send({ code: err.code, message: err.message });
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: DASHBOARD_PATH },
  );
}
