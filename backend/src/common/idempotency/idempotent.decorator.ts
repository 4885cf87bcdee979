import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

export const IDEMPOTENT_KEY = 'idempotency:enabled';

/** The request header a client sends to make a retry safe. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * A money-moving route: a request with an `Idempotency-Key` header runs once per caller and key; a
 * retry with the same key gets the first answer back (header `Idempotent-Replayed: true`) and
 * moves nothing again (IdempotencyInterceptor).
 */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_KEY, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A unique value per intended operation (16–255 visible ASCII characters, e.g. a UUID). A retry with the same key, by the same caller, within 24 h, returns the first successful answer (with `Idempotent-Replayed: true`) instead of running again; a failed request keeps nothing, so it may be retried with the same key. Keys are per caller.',
    }),
    ApiConflictResponse({
      description: 'idempotency.in_flight: the first request with this key is still running; retry shortly',
    }),
    ApiUnprocessableEntityResponse({
      description: 'idempotency.key_reused: this key was used for another request (path or body)',
    }),
  );
