/** The longest service a record may cover (the server refuses more). */
export const MAX_RECORD_MS = 24 * 3600 * 1000;

/** Where the running timer's start is kept, per user, so a reload or a closed tab does not lose it. */
export const TIMER_KEY_PREFIX = 'sanshe.serviceTimer.';

export type TimerStop =
  { ok: true; startedAt: Date; endedAt: Date } | { ok: false; reason: 'not_started' | 'too_long' | 'clock' };

/**
 * The start/stop timer of the service log: only the start time is stored (in localStorage), so
 * the elapsed time is always "now − start", whatever happened to the page meanwhile.
 */
export class ServiceTimer {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly key: string,
  ) {}

  /** When the running timer started, or null when none runs (or the stored value is unreadable). */
  startedAt(): Date | null {
    const raw = this.storage.getItem(this.key);
    if (!raw) return null;
    const date = new Date(raw);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  running(): boolean {
    return this.startedAt() !== null;
  }

  /** Starts the timer; a timer already running keeps its start. */
  start(now: Date): Date {
    const running = this.startedAt();
    if (running) return running;
    this.storage.setItem(this.key, now.toISOString());
    return now;
  }

  /**
   * Stops the timer and answers the period it covered. A period over 24 hours (a timer forgotten
   * overnight) or ending before it started (the clock moved) is refused and the timer keeps running,
   * so the worker can discard it or enter the times by hand.
   */
  stop(now: Date): TimerStop {
    const startedAt = this.startedAt();
    if (!startedAt) return { ok: false, reason: 'not_started' };
    const ms = now.getTime() - startedAt.getTime();
    if (ms <= 0) return { ok: false, reason: 'clock' };
    if (ms > MAX_RECORD_MS) return { ok: false, reason: 'too_long' };
    this.storage.removeItem(this.key);
    return { ok: true, startedAt, endedAt: now };
  }

  /** Forgets the running timer. */
  discard(): void {
    this.storage.removeItem(this.key);
  }

  /** Milliseconds since the start (0 when not running). */
  elapsed(now: Date): number {
    const startedAt = this.startedAt();
    return startedAt ? Math.max(0, now.getTime() - startedAt.getTime()) : 0;
  }
}

/** A duration as H:MM:SS (hours not capped, so an overlong timer shows as such). */
export function formatElapsed(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
