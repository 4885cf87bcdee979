import { STATUS_CODES } from 'node:http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * An error as RFC 9457 problem details (`application/problem+json`), with our machine-readable
 * `code` beside the standard members and `message` kept equal to `detail`.
 */
export class ProblemDto {
  @ApiProperty({
    example: '/api/problems/state.conflict',
    description: 'Identifies the kind of problem: /api/problems/<code>',
  })
  type!: string;
  @ApiProperty({ example: 'Conflict', description: 'The HTTP status in words' })
  title!: string;
  @ApiProperty({ example: 409 })
  status!: number;
  @ApiProperty({ example: 'The tender is no longer a draft', description: 'What went wrong, for a person' })
  detail!: string;
  @ApiProperty({ example: 'state.conflict', description: 'What went wrong, for a program (stable)' })
  code!: string;
  @ApiProperty({ example: 'The tender is no longer a draft', description: 'Same as detail' })
  message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Per-code context, e.g. the invalid fields',
  })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ example: '/api/tenders/0b5c…', description: 'The request that failed' })
  instance?: string;
}

export const PROBLEM_JSON = 'application/problem+json';

/** The problem document for an error: the one body every failure is sent with. */
export function problem(
  status: number,
  error: { code: string; message: string; details?: unknown },
  instance?: string,
): ProblemDto {
  return {
    type: `/api/problems/${error.code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
    message: error.message,
    ...(error.details !== undefined && { details: error.details as Record<string, unknown> }),
    ...(instance !== undefined && { instance }),
  };
}
