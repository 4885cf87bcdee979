import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedMethods } from '../http/routes.js';
import { DomainError, ErrorCode } from './domain-error.js';
import { localizedMessage, type ApiErrorCode } from './error-messages.js';
import { problem, PROBLEM_JSON } from './problem.js';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Exhaustive: a new ErrorCode that is not mapped here fails to compile. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation.failed':
    case 'webhook.invalid_signature':
    case 'auth.link_invalid': // a mailed link that is unknown, spent or for another purpose
      return HttpStatus.BAD_REQUEST;
    case 'auth.unauthenticated':
    case 'auth.invalid_credentials':
    case 'auth.token_expired':
    case 'auth.token_invalid':
    case 'auth.refresh_reused':
      return HttpStatus.UNAUTHORIZED;
    case 'precondition.failed': // If-Match names a version someone else has replaced
      return HttpStatus.PRECONDITION_FAILED;
    case 'auth.forbidden':
    case 'auth.out_of_scope':
    case 'auth.csrf_rejected':
    case 'vote.not_eligible': // not a verified resident of the region the question is put to
      return HttpStatus.FORBIDDEN;
    case 'resource.not_found':
      return HttpStatus.NOT_FOUND;
    case 'state.conflict':
    case 'state.invalid_transition':
    case 'fund.insufficient': // a concurrent grant took what was left
    case 'vote.already_cast': // one resident, one vote per question: the voter roll's key decided
    case 'activity.full': // every place of a volunteer activity is taken
    case 'time_bank.insufficient_credits': // a member's time credits would go below zero
    case 'idempotency.in_flight':
    case 'organization.name_taken': // another verified organization of the district holds the name
    case 'grant.duties_conflict': // segregation of duties: finance and director of one street
    case 'region.name_taken': // a live sibling region already has the name
    case 'catalog.code_taken': // catalog codes are never reused, retired ones included
    case 'retire.live_children': // a region or category is retired only once its children are
    case 'document.not_scanned': // still in quarantine: offered once the virus scanner calls it clean
    case 'document.sealed': // a bid's file, encrypted until the tender's bid deadline
      return HttpStatus.CONFLICT;
    case 'organization.ineligible':
    case 'task.not_admitted':
    case 'budget.insufficient':
    case 'tender.closed':
    case 'panel.too_few_eligible': // details: eligible, needed
    case 'idempotency.key_reused':
    case 'import.invalid_file': // not the template, or unreadable
    case 'import.rows_invalid': // details.errors names each row; nothing was applied
    case 'reference.retired': // a retired region or category named for something new
    case 'file.unreadable': // the bytes are not the type they start as (a photo that does not decode)
    case 'document.wrong_purpose': // a document attached to a subject of another purpose or owner
    case 'disbursement.deliverables_missing': // details: required, clean, pending, infected
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'file.too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'file.unsupported_type':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'export.expired':
    case 'auth.link_expired':
    case 'document.infected': // the scanner found a virus: the bytes are deleted, the verdict kept
      return HttpStatus.GONE;
    case 'auth.too_many_attempts':
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'payments.provider_error':
      return HttpStatus.BAD_GATEWAY;
    case 'payments.unavailable':
    case 'scanner.unavailable': // clamd unset or not answering: the scan job is retried
    case 'ocds.bulk_unavailable': // the bulk file is not built yet: the job writing it is queued
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}

/** Codes for the HTTP exceptions Nest itself raises (validation pipe, router, throttler, body parser). */
function codeOfHttpStatus(status: number): ApiErrorCode {
  if (status === 400) return 'validation.failed';
  if (status === 401) return 'auth.unauthenticated';
  if (status === 403) return 'auth.forbidden';
  if (status === 404) return 'resource.not_found';
  if (status === 413) return 'request.too_large';
  if (status === 415) return 'request.unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return status < 500 ? 'request.invalid' : 'internal';
}

/**
 * Last line of defence for input the edge did not catch: constraint violations and malformed
 * values reported by PostgreSQL become 4xx, never 500. Services should still raise DomainErrors.
 */
const PG_ERRORS: Record<string, [number, string, string]> = {
  '22P02': [400, 'validation.failed', 'A value has the wrong format'],
  '23505': [409, 'state.conflict', 'This already exists'],
  '23503': [409, 'state.conflict', 'A referenced record does not exist or is still in use'],
  '23514': [400, 'validation.failed', 'A value breaks a rule of the data'],
  '23P01': [409, 'state.conflict', 'This conflicts with an existing record'],
  '40001': [409, 'state.conflict', 'A concurrent change got there first; try again'],
  '40P01': [409, 'state.conflict', 'A concurrent change got there first; try again'],
};

/** One error body, a problem document (problem.ts) with `code`, `message` and `details?`, for every failure. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    let [status, body] = this.toBody(exception);
    if (status >= 500) this.logger.error(exception);
    // A known path asked with a method it does not have: 405 and the methods it has (RFC 9110 §15.5.6).
    const allowed = status === 404 && !request.routeOptions?.url ? allowedMethods(request) : [];
    if (allowed.length) {
      [status, body] = [405, { code: 'request.method_not_allowed', message: `Use ${allowed.join(' or ')}` }];
      void reply.header('allow', allowed.join(', '));
    }
    // The person's words in the language they asked for (Accept-Language), the code unchanged.
    body = { ...body, message: localizedMessage(body, request.headers['accept-language']) };
    // Every 401 names the scheme that would succeed (RFC 9110 §11.6.1).
    if (status === 401)
      void reply.header(
        'www-authenticate',
        body.code === 'auth.token_expired' || body.code === 'auth.token_invalid'
          ? 'Bearer realm="api", error="invalid_token"'
          : 'Bearer realm="api"',
      );
    // Every 429 says when to come back (RFC 9110 §10.2.3); a 503 does when it knows.
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429 || (status === 503 && typeof retryAfter === 'number'))
      void reply.header('retry-after', String(typeof retryAfter === 'number' ? retryAfter : 60));
    void reply
      .status(status)
      .type(PROBLEM_JSON)
      .send(problem(status, body, request.url.split('?')[0]));
  }

  private toBody(exception: unknown): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { code: exception.code, message: exception.message };
      if (exception.details) body.details = exception.details;
      return [statusOf(exception.code), body];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const messages =
        typeof response === 'object' && response !== null
          ? (response as { message?: unknown }).message
          : undefined;
      if (Array.isArray(messages)) {
        return [
          status,
          {
            code: codeOfHttpStatus(status),
            message: 'The request is invalid',
            details: { errors: messages },
          },
        ];
      }
      return [
        status,
        {
          code: codeOfHttpStatus(status),
          message: typeof messages === 'string' ? messages : exception.message,
        },
      ];
    }
    const pgCode = (exception as { driverError?: { code?: string } })?.driverError?.code;
    if (pgCode && PG_ERRORS[pgCode])
      return [PG_ERRORS[pgCode][0], { code: PG_ERRORS[pgCode][1], message: PG_ERRORS[pgCode][2] }];
    // Class 22, data exceptions: a value PostgreSQL cannot take (out of range, malformed, NUL byte).
    if (pgCode?.startsWith('22'))
      return [
        HttpStatus.BAD_REQUEST,
        { code: 'validation.failed', message: 'A value is out of range or malformed' },
      ];
    // Fastify's own errors (malformed JSON, body too large) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return [statusCode, { code: codeOfHttpStatus(statusCode), message: (exception as Error).message }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'internal', message: 'Internal server error' }];
  }
}
