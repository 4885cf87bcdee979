import net from 'node:net';
import { Injectable } from '@nestjs/common';
import { Env } from '../../config/env.js';
import { DomainError } from '../../common/errors/domain-error.js';

/** A scan's outcome: clean, or infected with the signature that matched. */
export type Verdict = { infected: false } | { infected: true; signature: string };

/** Bytes per INSTREAM chunk; clamd takes any size up to its StreamMaxLength in total. */
const CHUNK = 64 * 1024;
const TIMEOUT_MS = 60_000;

/**
 * ClamAV's daemon over TCP (CLAMAV_URL): `VERSION` names the engine and the signatures it has
 * loaded, `INSTREAM` scans bytes sent in length-prefixed chunks (clamd's protocol, zero-terminated
 * commands). Any failure to get a verdict is `scanner.unavailable`, so the scan job is retried.
 */
@Injectable()
export class VirusScanner {
  private readonly target?: { host: string; port: number };

  constructor(env: Env) {
    if (env.CLAMAV_URL) {
      const url = new URL(env.CLAMAV_URL);
      this.target = { host: url.hostname, port: Number(url.port) };
    }
  }

  get configured(): boolean {
    return this.target !== undefined;
  }

  /** clamd's VERSION: "ClamAV 1.4.6/27835/Sat Dec  5 08:00:00 2026" (engine/daily signatures/date). */
  version(): Promise<string> {
    return this.command('zVERSION\0');
  }

  async scan(data: Buffer): Promise<Verdict> {
    const frames: Buffer[] = [Buffer.from('zINSTREAM\0')];
    for (let at = 0; at < data.length; at += CHUNK) {
      const chunk = data.subarray(at, at + CHUNK);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      frames.push(length, chunk);
    }
    frames.push(Buffer.alloc(4)); // a zero length ends the stream
    const answer = await this.command(Buffer.concat(frames));
    // "stream: OK", "stream: Eicar-Signature FOUND", or "… ERROR" (size limit, unreadable).
    const found = /^stream: (.+) FOUND$/.exec(answer);
    if (found) return { infected: true, signature: found[1] };
    if (answer === 'stream: OK') return { infected: false };
    throw new DomainError('scanner.unavailable', `The virus scanner gave no verdict: ${answer}`);
  }

  private command(request: string | Buffer): Promise<string> {
    const target = this.target;
    if (!target)
      return Promise.reject(
        new DomainError('scanner.unavailable', 'No virus scanner is configured (CLAMAV_URL)'),
      );
    return new Promise((resolve, reject) => {
      const socket = net.connect(target);
      const chunks: Buffer[] = [];
      const fail = (reason: string) => {
        socket.destroy();
        reject(new DomainError('scanner.unavailable', `clamd at ${target.host}:${target.port}: ${reason}`));
      };
      socket.setTimeout(TIMEOUT_MS, () => fail('no answer'));
      socket.once('error', (err) => fail(err.message));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.once('end', () => {
        socket.destroy();
        resolve(Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim());
      });
      socket.once('connect', () => socket.write(request));
    });
  }
}
