import { MAX_RECORD_MS, ServiceTimer, formatElapsed } from './timer';

/** A Storage stand-in, so each test starts from nothing. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

const at = (iso: string) => new Date(iso);

describe('ServiceTimer', () => {
  let storage: ReturnType<typeof memoryStorage>;
  let timer: ServiceTimer;

  beforeEach(() => {
    storage = memoryStorage();
    timer = new ServiceTimer(storage, 'timer.u1');
  });

  it('stores only the start time, so another page (or a reload) finds it running', () => {
    expect(timer.running()).toBe(false);
    timer.start(at('2026-11-25T08:00:00Z'));
    expect(storage.items.get('timer.u1')).toBe('2026-11-25T08:00:00.000Z');
    const again = new ServiceTimer(storage, 'timer.u1');
    expect(again.running()).toBe(true);
    expect(again.startedAt()).toEqual(at('2026-11-25T08:00:00Z'));
  });

  it('keeps the first start when started twice', () => {
    timer.start(at('2026-11-25T08:00:00Z'));
    expect(timer.start(at('2026-11-25T08:30:00Z'))).toEqual(at('2026-11-25T08:00:00Z'));
    expect(timer.startedAt()).toEqual(at('2026-11-25T08:00:00Z'));
  });

  it('measures the elapsed time and formats it as H:MM:SS', () => {
    expect(timer.elapsed(at('2026-11-25T08:00:00Z'))).toBe(0);
    timer.start(at('2026-11-25T08:00:00Z'));
    const ms = timer.elapsed(at('2026-11-25T09:02:03Z'));
    expect(ms).toBe((3600 + 2 * 60 + 3) * 1000);
    expect(formatElapsed(ms)).toBe('1:02:03');
    expect(formatElapsed(0)).toBe('0:00:00');
    expect(formatElapsed(25 * 3600 * 1000)).toBe('25:00:00');
  });

  it('stops with the period it covered and forgets the start', () => {
    timer.start(at('2026-11-25T08:00:00Z'));
    expect(timer.stop(at('2026-11-25T09:30:00Z'))).toEqual({
      ok: true,
      startedAt: at('2026-11-25T08:00:00Z'),
      endedAt: at('2026-11-25T09:30:00Z'),
    });
    expect(timer.running()).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it('accepts exactly 24 hours but refuses more, and keeps running then', () => {
    timer.start(at('2026-11-24T08:00:00Z'));
    expect(timer.stop(at('2026-11-25T08:00:01Z'))).toEqual({ ok: false, reason: 'too_long' });
    expect(timer.running()).toBe(true);
    const stop = timer.stop(new Date(at('2026-11-24T08:00:00Z').getTime() + MAX_RECORD_MS));
    expect(stop.ok).toBe(true);
  });

  it('refuses to stop when not started, or when the clock went back', () => {
    expect(timer.stop(at('2026-11-25T08:00:00Z'))).toEqual({ ok: false, reason: 'not_started' });
    timer.start(at('2026-11-25T08:00:00Z'));
    expect(timer.stop(at('2026-11-25T07:59:00Z'))).toEqual({ ok: false, reason: 'clock' });
    expect(timer.stop(at('2026-11-25T08:00:00Z'))).toEqual({ ok: false, reason: 'clock' });
    expect(timer.running()).toBe(true);
  });

  it('discards a running timer, and ignores an unreadable stored start', () => {
    timer.start(at('2026-11-25T08:00:00Z'));
    timer.discard();
    expect(timer.running()).toBe(false);
    storage.setItem('timer.u1', 'not a date');
    expect(timer.startedAt()).toBeNull();
  });
});
