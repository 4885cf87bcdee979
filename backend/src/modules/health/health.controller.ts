import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Operation } from '../../common/http/operation.js';
import { ping } from './health.sql.js';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) queue!: 'up' | 'down';
}

export class LiveDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

// Not counted against a client's budget: the budget lives in Redis, and these must answer (live)
// or report the outage (health) while Redis is unreachable; probes come every few seconds.
@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue('mail') private readonly queue: Queue,
  ) {}

  /**
   * Liveness: the process answers, whatever its dependencies do. A database or Redis outage makes
   * `GET /api/health` answer 503 (instances leave the load balancer), but restarting the process
   * would not help, so an orchestrator's liveness probe asks this instead.
   */
  @Get('live')
  @Operation({
    summary: 'Is the process alive?',
    description:
      'Liveness for an orchestrator: answers 200 whatever the database and Redis do, since restarting the process would not bring them back.',
    auth: 'public',
    ok: LiveDto,
  })
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Get()
  @Operation({
    summary: 'Can this instance serve requests?',
    description:
      'Readiness: probes PostgreSQL and the queue backend (2 s each). 200 when both answer; 503 with the same body naming what is down, so the instance leaves the load balancer.',
    auth: 'public',
    ok: HealthDto,
  })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency is down' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const probe = (p: Promise<unknown>) =>
      within(p, 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      );
    const [database, queue] = await Promise.all([
      probe(ping(this.dataSource)),
      probe(this.queue.getJobCounts('waiting')),
    ]);
    const status = database === 'up' && queue === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, queue };
  }
}
