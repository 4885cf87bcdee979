import { computed, inject, signal, type Signal } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { I18n } from '../i18n/i18n.service';
import type { I18nKey } from '../i18n/zh-CN';
import { failureText } from './api-error';

export interface RunOptions<T = unknown> {
  /** What is running, when a list runs it per item (`busyFor(key)`). */
  key?: string;
  /** Said in a toast when the call succeeds: the words' key, or the words made from what it gave. */
  success?: I18nKey | ((value: T) => string);
  /** Said in `notice` (on the page) when the call succeeds. */
  notice?: I18nKey;
  /** Show the failure in a toast instead of in `error`. */
  toast?: boolean;
  /** Also told of a failure (e.g. to mark the field the server refused), before it is shown. */
  onError?: (err: unknown) => void;
  /** Shows a failure the page's own way: true when it did, and then `error` stays empty. */
  handle?: (err: unknown) => boolean;
}

/**
 * What a form shows of the action its submit runs (an `Action`, or `Action.keyed`): busy while it
 * runs, and what it failed with.
 */
export interface ActionState {
  readonly busy: Signal<boolean>;
  readonly error: Signal<string | null>;
}

const NO_ERROR = signal<string | null>(null).asReadonly();

/**
 * The busy / error / success handling of a page's action (save, approve, refuse…): `run` sets it
 * busy, clears the last error, makes the call, and then says the success in a toast or puts the
 * API's refusal in the user's language into `error` (or a toast). Make one with `action()` in a
 * field initializer.
 */
export class Action {
  /** The key of what runs ('' without one), null when idle. */
  private readonly running = signal<string | null>(null);
  readonly busy = computed(() => this.running() !== null);
  readonly error = signal<string | null>(null);
  /** The last run's `notice`, till the next run. */
  readonly notice = signal<string | null>(null);
  private runs = 0;
  private readonly parts = new Map<string, ActionState>();

  constructor(
    private readonly t: I18n['t'],
    private readonly message: Pick<NzMessageService, 'success' | 'error'>,
  ) {}

  /** Whether the action runs for this item. */
  busyFor(key: string): boolean {
    return this.running() === key;
  }

  /**
   * The runs under `key` as one form's submit sees them: busy while one runs, no failure of its own
   * (the page shows the action's `error` where it shows its other failures).
   */
  keyed(key: string): ActionState {
    let part = this.parts.get(key);
    if (!part) {
      part = { busy: computed(() => this.running() === key), error: NO_ERROR };
      this.parts.set(key, part);
    }
    return part;
  }

  /**
   * The call's value, or undefined when it failed (the failure shown). A run started meanwhile
   * (another item, a new page) takes the busy state over.
   */
  async run<T>(call: () => Promise<T>, options: RunOptions<T> = {}): Promise<{ value: T } | undefined> {
    const run = ++this.runs;
    this.running.set(options.key ?? '');
    this.error.set(null);
    this.notice.set(null);
    try {
      const value = await call();
      const { success } = options;
      if (success) this.message.success(typeof success === 'function' ? success(value) : this.t(success));
      if (options.notice) this.notice.set(this.t(options.notice));
      return { value };
    } catch (err) {
      options.onError?.(err);
      if (!options.handle?.(err)) this.fail(err, options.toast);
      return undefined;
    } finally {
      if (run === this.runs) this.running.set(null);
    }
  }

  /** Shows a failure the way `run` does (for a call made without it, e.g. the next page). */
  fail(err: unknown, toast = false): void {
    const text = failureText(err, this.t);
    if (toast) this.message.error(text);
    else this.error.set(text);
  }
}

/** An `Action` with the page's language and toasts (call it in an injection context). */
export const action = (): Action => new Action(inject(I18n).t, inject(NzMessageService));
