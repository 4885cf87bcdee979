import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Operation } from '../../common/http/operation.js';
import { bearerToken } from '../../common/auth/auth.guard.js';
import { Env } from '../../config/env.js';
import { DASHBOARD_COOKIE, DASHBOARD_PATH } from './queue-dashboard.js';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly env: Env) {}

  /** Sets the cookie that lets this admin's browser open the queue dashboard. */
  @Post('queue-dashboard/session')
  @Operation({
    summary: 'Open the queue dashboard',
    description:
      "Sets the HttpOnly cookie (for the dashboard's path only, as long as the access token lives) that lets this platform admin's browser open the queue dashboard.",
    auth: ['platform_admin'],
    noContent: true,
  })
  dashboardSession(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const secure = this.env.NODE_ENV === 'production' ? '; Secure' : '';
    void reply.header(
      'set-cookie',
      `${DASHBOARD_COOKIE}=${bearerToken(request)}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${this.env.ACCESS_TOKEN_TTL_SECONDS}${secure}`,
    );
  }
}
