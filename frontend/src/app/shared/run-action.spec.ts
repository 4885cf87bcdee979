import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { Action } from './run-action';

describe('Action', () => {
  const refusal = new HttpErrorResponse({
    status: 409,
    error: { code: 'precondition.failed', message: 'Changed meanwhile' },
  });
  let t: I18n['t'];
  let toasts: { success: string[]; error: string[] };
  let action: Action;

  beforeEach(() => {
    t = TestBed.inject(I18n).t;
    toasts = { success: [], error: [] };
    action = new Action(t, {
      success: (text: string) => void toasts.success.push(text) as never,
      error: (text: string) => void toasts.error.push(text) as never,
    });
  });

  it('is busy while the call runs, then gives its value and says the success', async () => {
    let finish!: (v: number) => void;
    const running = action.run(() => new Promise<number>((resolve) => (finish = resolve)), {
      key: 'r1',
      success: 'profile.saved',
    });
    expect(action.busy()).toBe(true);
    expect(action.busyFor('r1')).toBe(true);
    expect(action.busyFor('r2')).toBe(false);
    finish(7);
    await expect(running).resolves.toEqual({ value: 7 });
    expect(action.busy()).toBe(false);
    expect(toasts.success).toEqual([t('profile.saved')]);
    expect(action.error()).toBeNull();
  });

  it('says a success made from the value the call gave', async () => {
    await action.run(() => Promise.resolve({ name: '阳光街道' }), {
      success: (street) => t('admin.streets.saved', { street: street.name }),
    });
    expect(toasts.success).toEqual([t('admin.streets.saved', { street: '阳光街道' })]);
    expect(toasts.success[0]).toContain('阳光街道');
  });

  it('keyed: busy only while a run under its key runs, with no failure of its own', async () => {
    const help = action.keyed('help');
    expect(action.keyed('help')).toBe(help);
    let finish!: () => void;
    const other = action.run(() => new Promise<void>((resolve) => (finish = resolve)), { key: 'post' });
    expect(help.busy()).toBe(false);
    finish();
    await other;
    let fail!: (err: unknown) => void;
    const running = action.run(() => new Promise<void>((_, reject) => (fail = reject)), { key: 'help' });
    expect(help.busy()).toBe(true);
    fail(refusal);
    await running;
    expect(help.busy()).toBe(false);
    expect(action.error()).not.toBeNull();
    expect(help.error()).toBeNull();
  });

  it("puts the API's refusal in the user's language into error, and clears it on the next run", async () => {
    const seen: unknown[] = [];
    const done = await action.run(() => Promise.reject(refusal), {
      success: 'profile.saved',
      onError: (err) => seen.push(err),
    });
    expect(done).toBeUndefined();
    expect(seen).toEqual([refusal]);
    expect(action.error()).toBe(t('errors.code.precondition.failed' as never));
    expect(action.error()).not.toBe('Changed meanwhile');
    expect(toasts.success).toEqual([]);
    expect(action.busy()).toBe(false);

    await action.run(() => Promise.resolve(1));
    expect(action.error()).toBeNull();
  });

  it('says the success on the page when asked to, till the next run', async () => {
    await action.run(() => Promise.resolve(), { notice: 'profile.saved' });
    expect(action.notice()).toBe(t('profile.saved'));
    expect(toasts.success).toEqual([]);
    await action.run(() => Promise.reject(new HttpErrorResponse({ status: 0 })));
    expect(action.notice()).toBeNull();
  });

  it('leaves a failure the page handles its own way out of error and toasts', async () => {
    const handled = await action.run(() => Promise.reject(refusal), { handle: () => true });
    expect([handled, action.error(), toasts.error]).toEqual([undefined, null, []]);
    await action.run(() => Promise.reject(refusal), { handle: () => false });
    expect(action.error()).toBe(t('errors.code.precondition.failed' as never));
  });

  it('shows the failure in a toast when asked to', async () => {
    await action.run(() => Promise.reject(new HttpErrorResponse({ status: 0 })), { toast: true });
    expect(toasts.error).toEqual([t('errors.network')]);
    expect(action.error()).toBeNull();
  });

  it('stays busy for the latest run when an earlier one ends first', async () => {
    let first!: () => void;
    const one = action.run(() => new Promise<void>((resolve) => (first = resolve)), { key: 'a' });
    const two = action.run(() => new Promise<void>(() => undefined), { key: 'b' });
    first();
    await one;
    expect(action.busyFor('b')).toBe(true);
    void two;
  });
});
