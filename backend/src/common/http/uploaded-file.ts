import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error.js';

/** The usual ceiling of an uploaded document (an organization's registration document, service evidence). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The one file of a multipart request (field `file`), read into memory up to `maxBytes`: beyond it
 * 413 `file.too_large`, without reading the rest. `what` names the files in the message.
 */
export async function uploadedFile(
  request: FastifyRequest,
  maxBytes: number,
  what = 'Files',
): Promise<{ filename: string; data: Buffer }> {
  if (!request.isMultipart())
    throw new DomainError('validation.failed', 'Send the file as multipart/form-data', { field: 'file' });
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new DomainError('validation.failed', 'No file in the request', { field: 'file' });
  const data = await part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new DomainError('file.too_large', `${what} may be at most ${maxBytes / 1024 / 1024} MB`, {
        maxBytes,
      });
    throw err;
  });
  return { filename: part.filename, data };
}

/** OpenAPI of an upload route: the request body is the file, as multipart field `file`. */
export const ApiFileUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      },
    }),
  );
