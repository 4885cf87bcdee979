import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP answer that refuses a message: 4xx is transient (the sender retries), 5xx permanent. */
export interface Refusal {
  code: number;
  message: string;
}

export interface SmtpCatcher {
  server: SMTPServer;
  port: number;
  /** The messages accepted, in order. */
  inbox: Received[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a loopback port that keeps what it receives. `refuse` may turn a delivery
 * down (it sees the recipients and how many deliveries to them were tried before).
 */
export async function startSmtp(
  options: { refuse?: (to: string[], earlierTries: number) => Refusal | undefined } = {},
): Promise<SmtpCatcher> {
  const inbox: Received[] = [];
  const tries = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const key = to.join(',');
        const earlier = tries.get(key) ?? 0;
        tries.set(key, earlier + 1);
        const refusal = options.refuse?.(to, earlier);
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { server, port, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
