import { DestroyRef, type Signal, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type ParamMap, type Params, Router } from '@angular/router';
import { debounceTime } from 'rxjs';

/** How long typing must pause before a search goes out (and reaches the URL). */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * One query parameter of a list: how it reads from the URL (all its values, none when absent) and
 * how it is written back (no values for the fallback, so a plain list keeps a plain URL).
 */
export interface QueryParam<V> {
  readonly fallback: V;
  parse(raw: readonly string[]): V;
  format(value: V): string[];
}

/** Free text (a search), trimmed, at most `max` characters (the server refuses longer ones). */
export const textParam = (max = 50): QueryParam<string> => ({
  fallback: '',
  parse: ([raw]) => (raw ?? '').trim().slice(0, max),
  format: (value) => (value.trim() ? [value.trim().slice(0, max)] : []),
});

/** One of the values, the fallback when absent or unknown (a sort, a status). */
export const oneOfParam = <T extends string>(values: readonly T[], fallback: T): QueryParam<T> => ({
  fallback,
  parse: ([raw]) => values.find((v) => v === raw) ?? fallback,
  format: (value) => (value === fallback ? [] : [value]),
});

/** An optional choice: one of the values, or any non-empty text (an id) without them; null is "any". */
export const optionalParam = <T extends string = string>(values?: readonly T[]): QueryParam<T | null> => ({
  fallback: null,
  parse: ([raw]) =>
    values ? (values.find((v) => v === raw) ?? null) : ((raw as T | undefined) ?? null) || null,
  format: (value) => (value ? [value] : []),
});

/** Several of the values (repeated parameter), sorted and each once; empty is "any". */
export const listParam = <T extends string>(values: readonly T[]): QueryParam<T[]> => ({
  fallback: [],
  parse: (raw) => values.filter((v) => raw.includes(v)),
  format: (value) => values.filter((v) => value.includes(v)),
});

/** A switch: `1` when on, absent when off. */
export const flagParam: QueryParam<boolean> = {
  fallback: false,
  parse: ([raw]) => raw === '1' || raw === 'true',
  format: (value) => (value ? ['1'] : []),
};

/** The values a list's parameters read as. */
export type QueryValues<S> = { [K in keyof S]: S[K] extends QueryParam<infer V> ? V : never };

const sameValues = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A list's filters, search and sort kept in the route's query parameters, so Back, a reload and a
 * shared link show the same list. `value` follows the URL (and what was just set while its
 * navigation runs); `set` writes the URL in place (replaceUrl: Back leaves the page instead of
 * undoing picks one by one). Paging stays with the list's cursor: a change reloads the first page.
 * Made in an injection context (a page's field or constructor).
 */
export class ListQuery<S extends Record<string, QueryParam<unknown>>> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly url = toSignal(this.route.queryParamMap, { requireSync: true });
  /** Set but not yet in the URL; a later `set` sends them again, so quick changes are not lost. */
  private readonly pending = signal<Partial<QueryValues<S>>>({});

  /** The list's current filters (structurally compared: an equal URL does not reload the list). */
  readonly value: Signal<QueryValues<S>> = computed(
    () => ({ ...this.parse(this.url()), ...this.pending() }),
    {
      equal: sameValues,
    },
  );

  constructor(private readonly params: S) {}

  set(patch: Partial<QueryValues<S>>): void {
    // The user is leaving for another page (an item of the list): a late change, such as the
    // search's pause ending, would call that navigation off and bring them back.
    if (this.leaving()) return;
    const pending = { ...this.pending(), ...patch };
    this.pending.set(pending);
    const queryParams: Params = {};
    for (const key of Object.keys(pending) as (keyof S & string)[]) {
      const values = this.params[key].format(pending[key] as never);
      queryParams[key] = values.length === 0 ? null : values.length === 1 ? values[0] : values;
    }
    void this.router
      .navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true })
      .finally(() => {
        if (this.pending() === pending) this.pending.set({});
      });
  }

  /** Every parameter back to its fallback. */
  reset(): void {
    const fallbacks = Object.fromEntries(Object.entries(this.params).map(([k, p]) => [k, p.fallback]));
    this.set(fallbacks as Partial<QueryValues<S>>);
  }

  /** A navigation to another path is under way. */
  private leaving(): boolean {
    const to = this.router.currentNavigation()?.extractedUrl;
    const path = (url: string) => url.split(/[?#]/)[0];
    return !!to && path(this.router.serializeUrl(to)) !== path(this.router.url);
  }

  private parse(map: ParamMap): QueryValues<S> {
    return Object.fromEntries(
      Object.entries(this.params).map(([key, param]) => [key, param.parse(map.getAll(key))]),
    ) as QueryValues<S>;
  }
}

/**
 * A search box over a text parameter: `text` is what is typed, the parameter follows it after a
 * pause; a search changed elsewhere (Back, a link, reset) shows in the box. Made in an injection context.
 */
export class SearchBox {
  readonly text: ReturnType<typeof signal<string>>;

  constructor(committed: Signal<string>, commit: (q: string) => void, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.text = signal(committed());
    let shown = committed();
    const destroyRef = inject(DestroyRef);
    toObservable(committed)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((q) => {
        // Only a change from elsewhere replaces what is typed, not the echo of our own commit.
        if (q !== shown) this.text.set(q);
        shown = q;
      });
    toObservable(this.text)
      .pipe(debounceTime(debounceMs), takeUntilDestroyed(destroyRef))
      .subscribe((text) => {
        const q = text.trim();
        if (q !== committed().trim()) {
          shown = q;
          commit(q);
        }
      });
  }
}

/**
 * Runs `load` with the source's value now and whenever it changes (a list's first page for its
 * filters), without tracking what `load` reads. Made in an injection context.
 */
export function reloadOn<T>(source: Signal<T>, load: (value: T) => unknown): void {
  effect(() => {
    const value = source();
    untracked(() => void load(value));
  });
}
