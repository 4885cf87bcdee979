import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/auth.decorator.js';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) queue!: 'up' | 'down';
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue('mail') private readonly queue: Queue,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const probe = (p: Promise<unknown>) =>
      within(p, 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      );
    const [database, queue] = await Promise.all([
      probe(this.dataSource.query('SELECT 1')),
      probe(this.queue.getJobCounts('waiting')),
    ]);
    const status = database === 'up' && queue === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, queue };
  }
}
