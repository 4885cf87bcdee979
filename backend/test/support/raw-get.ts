import { get, type IncomingHttpHeaders } from 'node:http';

/**
 * A GET with exactly this Accept-Encoding (none when omitted), answering the body as sent: fetch
 * would add an Accept-Encoding of its own and decode the answer.
 */
export function rawGet(
  url: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((ok, fail) => {
    get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}
