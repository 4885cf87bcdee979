import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
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
  // One byte over the ceiling is read: a file over it is known by its length too, as the parser
  // sometimes truncates it to the limit without throwing (depending on how its chunks arrive), and
  // the truncated file was then stored as if whole.
  const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
  if (!part) throw new DomainError('validation.failed', 'No file in the request', { field: 'file' });
  const tooLarge = () =>
    new DomainError('file.too_large', `${what} may be at most ${maxBytes / 1024 / 1024} MB`, { maxBytes });
  const data = await part.toBuffer().catch((err: { code?: string }) => {
    throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
  });
  if (data.length > maxBytes || part.file.truncated) throw tooLarge();
  return { filename: part.filename, data };
}

/** The type the bytes are (magic numbers, and the parts of a ZIP for .docx/.xlsx), never what the client said. */
export async function contentTypeOf(data: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(data))?.mime;
}

/**
 * The upload check every route shares: a non-empty file whose bytes are one of `allowed`
 * (415 `file.unsupported_type` otherwise, naming what is accepted). Returns its content type.
 */
export async function requireContentType(
  data: Buffer,
  allowed: readonly string[],
  accepted: string,
): Promise<string> {
  if (data.length === 0) throw new DomainError('validation.failed', 'The file is empty', { field: 'file' });
  const type = await contentTypeOf(data);
  if (!type || !allowed.includes(type))
    throw new DomainError('file.unsupported_type', `Upload ${accepted}`, { accepted: allowed });
  return type;
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
