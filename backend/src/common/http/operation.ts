import { applyDecorators, HttpCode, SetMetadata, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  getSchemaPath,
  type ApiResponseOptions,
} from '@nestjs/swagger';
import { Auth, Public } from '../auth/auth.decorator.js';
import type { Role } from '../auth/roles.js';
import type { ErrorCode } from '../errors/domain-error.js';
import { statusOf } from '../errors/error.filter.js';
import { problem, ProblemDto } from '../errors/problem.js';

const EXAMPLE_MESSAGE = 'What went wrong, in words a person can act on';

/** Metadata read by the response-headers interceptor (response-headers.ts). */
export const LOCATION_KEY = 'http:location';
export const ETAG_KEY = 'http:etag';

type Body = Type<unknown> | [Type<unknown>];

export interface OperationSpec {
  /** One line, imperative ("Publish a tender"). */
  summary: string;
  /** What it does, for whom, and what changes; the rules a caller should know. */
  description: string;
  /** Who may call: these roles (scope is still checked by the service), any signed-in user, or anyone. */
  auth: readonly Role[] | 'any' | 'public';
  /** 200 with this body (also on POST actions that create nothing). */
  ok?: Body;
  /**
   * 201 with this body and `Location` built from the body: `{field}` is replaced by the body's
   * field, e.g. `/api/needs/{id}`.
   */
  created?: { type: Type<unknown>; location: string };
  /**
   * 202 for work that continues in the background: with a body, `Location` points at its status;
   * `{ description }` alone is a 202 with no body (a mail on its way, whatever the outcome).
   */
  accepted?: { type: Type<unknown>; location: string } | { description: string };
  /** 204, no body. */
  noContent?: true;
  /** The body carries `version`, sent as `ETag` (single resources that can be edited). */
  etag?: true;
  /** PUT/PATCH honouring `If-Match` (412 on a stale write). */
  ifMatch?: true;
  /**
   * The OpenAPI security of a route the bearer guard lets through (`auth: 'public'`) but that
   * authenticates by something else, e.g. `[{ sanshe_refresh: [] }]` for the refresh cookie (the
   * scheme is declared in app.factory.ts); it names its own refusals in `errors`.
   */
  security?: Record<string, string[]>[];
  /**
   * The route acts on a resource named in its path that must exist and lie in the caller's scope
   * (their street, community or organization): it can answer `resource.not_found` and `auth.out_of_scope`.
   */
  scoped?: true;
  /** Error codes this route can return beyond the shared ones (validation, authentication, role, scope). */
  errors?: readonly ErrorCode[];
}

const problemResponse = (status: number, codes: readonly string[]): ApiResponseOptions => ({
  status,
  description: codes.join(', '),
  content: {
    'application/problem+json': {
      schema: { $ref: getSchemaPath(ProblemDto) },
      examples: Object.fromEntries(
        codes.map((code) => [
          code,
          { summary: code, value: problem(status, { code, message: EXAMPLE_MESSAGE }) },
        ]),
      ),
    },
  },
});

const SCOPE_ERRORS: readonly ErrorCode[] = ['auth.out_of_scope', 'resource.not_found'];

/** Every error this route can answer, grouped by status, each documented as a problem. */
function errorResponses(spec: OperationSpec): MethodDecorator[] {
  const codes = new Set<ErrorCode>([
    'validation.failed',
    ...(spec.scoped ? SCOPE_ERRORS : []),
    ...(spec.errors ?? []),
  ]);
  if (spec.auth !== 'public') codes.add('auth.unauthenticated');
  if (Array.isArray(spec.auth)) codes.add('auth.forbidden');
  if (spec.ifMatch) codes.add('precondition.failed');
  const byStatus = new Map<number, string[]>();
  for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) => ApiResponse(problemResponse(status, list)));
}

/** 201 or 202 with the body and a `Location` filled from it (response-headers.ts). */
const withLocation = (status: 201 | 202, { type, location }: { type: Type<unknown>; location: string }) => [
  HttpCode(status),
  SetMetadata(LOCATION_KEY, location),
  ApiResponse({
    status,
    type,
    description: status === 201 ? 'Created' : 'Accepted: the work goes on in the background',
    headers: {
      Location: {
        description: status === 201 ? 'The new resource' : 'Its status',
        schema: { type: 'string' },
      },
    },
  }),
];

function successResponse(spec: OperationSpec): MethodDecorator[] {
  if (spec.created) return withLocation(201, spec.created);
  if (spec.accepted && 'description' in spec.accepted)
    return [HttpCode(202), ApiResponse({ status: 202, description: spec.accepted.description })];
  if (spec.accepted) return withLocation(202, spec.accepted);
  if (spec.noContent) return [HttpCode(204), ApiResponse({ status: 204, description: 'Done' })];
  const etag = spec.etag
    ? { headers: { ETag: { description: 'The version', schema: { type: 'string' } } } }
    : {};
  return [HttpCode(200), ApiResponse({ status: 200, type: spec.ok, description: 'OK', ...etag })];
}

/**
 * The one decorator a route carries besides its method and path: who may call it, what it
 * answers and how it fails, documented and enforced from the same declaration.
 */
export function Operation(spec: OperationSpec): MethodDecorator {
  const auth =
    spec.auth === 'public'
      ? [
          Public(),
          ApiOperation({
            summary: spec.summary,
            description: spec.description,
            security: spec.security ?? [],
          }),
        ]
      : [
          spec.auth === 'any' ? Auth() : Auth(...spec.auth),
          ApiOperation({ summary: spec.summary, description: spec.description }),
        ];
  return applyDecorators(
    ...auth,
    ApiExtraModels(ProblemDto),
    ...successResponse(spec),
    ...(spec.etag ? [SetMetadata(ETAG_KEY, true)] : []),
    ...(spec.ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'The ETag last read; 412 when it is stale',
          }),
        ]
      : []),
    ...errorResponses(spec),
  );
}
