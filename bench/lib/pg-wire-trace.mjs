// A PostgreSQL wire-protocol tap: a TCP proxy in front of the database that passes every byte through
// unchanged and notes the statements clients send (simple-query `Q` and extended-protocol `P`arse
// messages, with the number of values of the following `B`ind, and the time the message arrived). Used to
// check that two programs send the same SQL, and to see the time between their statements; never in the
// path of a throughput measurement.
import { createServer, connect } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Reads the frontend messages of one connection as they stream in. */
function frontendParser(onMessage) {
  let buffer = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (startup) {
        // Startup, SSLRequest, GSSENCRequest, CancelRequest: int32 length, int32 code, no type byte.
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      onMessage(String.fromCharCode(buffer[0]), buffer.subarray(5, 1 + length));
      buffer = buffer.subarray(1 + length);
    }
  };
}

const cstring = (body, offset) => {
  const end = body.indexOf(0, offset);
  return [body.toString('utf8', offset, end), end + 1];
};

/**
 * Starts the tap on a free port of 127.0.0.1 in front of `databaseUrl`'s server. `url` is the same
 * database reached through the tap; `statements` fills with { connection, kind, sql, params, at } in the
 * order the messages arrive (`at`: performance.now() when the chunk holding the message arrived).
 */
export async function startWireTrace(databaseUrl) {
  const target = new URL(databaseUrl);
  const statements = [];
  const sockets = new Set();
  let connections = 0;
  const server = createServer((client) => {
    const connection = ++connections;
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let pending = null; // the last Parse, waiting for its Bind
    let at = 0; // when the chunk being parsed arrived
    const parse = frontendParser((type, body) => {
      if (type === 'Q') {
        statements.push({ connection, kind: 'simple', sql: cstring(body, 0)[0], params: 0, at });
      } else if (type === 'P') {
        const [, offset] = cstring(body, 0); // statement name
        pending = { connection, kind: 'extended', sql: cstring(body, offset)[0], params: 0, at };
        statements.push(pending);
      } else if (type === 'B' && pending) {
        const [, afterPortal] = cstring(body, 0);
        const [, afterName] = cstring(body, afterPortal);
        const formats = body.readInt16BE(afterName);
        pending.params = body.readInt16BE(afterName + 2 + 2 * formats);
        pending = null;
      }
    });
    client.on('data', (chunk) => {
      at = performance.now();
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(server.address().port);
  return {
    url: url.toString(),
    statements,
    /** Forgets what was noted so far. */
    clear: () => statements.splice(0),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One line of SQL, whitespace collapsed: what two statements are compared on. */
export const normalizeSql = (sql) => sql.replace(/\s+/g, ' ').trim();
