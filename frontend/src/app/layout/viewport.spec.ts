import { Injector, runInInjectionContext } from '@angular/core';
import { MOBILE_QUERY, injectIsMobile } from './viewport';

/** A media query list the test turns on and off, as the browser does when the window is resized. */
class FakeQuery {
  matches: boolean;
  readonly listeners = new Set<(event: MediaQueryListEvent) => void>();
  constructor(matches: boolean) {
    this.matches = matches;
  }
  addEventListener(_: 'change', listener: (event: MediaQueryListEvent) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_: 'change', listener: (event: MediaQueryListEvent) => void): void {
    this.listeners.delete(listener);
  }
  resize(matches: boolean): void {
    this.matches = matches;
    for (const listener of this.listeners) listener({ matches } as MediaQueryListEvent);
  }
}

describe('injectIsMobile', () => {
  const stub = window.matchMedia;
  let queries: string[];
  let query: FakeQuery;

  function create(matches: boolean) {
    queries = [];
    query = new FakeQuery(matches);
    window.matchMedia = (q: string) => {
      queries.push(q);
      return query as unknown as MediaQueryList;
    };
    const injector = Injector.create({ providers: [] });
    return { injector, isMobile: runInInjectionContext(injector, injectIsMobile) };
  }

  afterEach(() => (window.matchMedia = stub));

  it("starts from the phone query's answer and follows the window's size", () => {
    const { isMobile } = create(true);
    expect(queries).toEqual([MOBILE_QUERY]);
    expect(isMobile()).toBe(true);
    query.resize(false);
    expect(isMobile()).toBe(false);
    query.resize(true);
    expect(isMobile()).toBe(true);
  });

  it('stops listening when its component is destroyed', () => {
    const { injector, isMobile } = create(false);
    expect(query.listeners.size).toBe(1);
    (injector as unknown as { destroy(): void }).destroy();
    expect(query.listeners.size).toBe(0);
    query.resize(true);
    expect(isMobile()).toBe(false);
  });

  it('is false where there is no window to ask (a server drawing the page)', () => {
    window.matchMedia = undefined as unknown as typeof window.matchMedia;
    const isMobile = runInInjectionContext(Injector.create({ providers: [] }), injectIsMobile);
    expect(isMobile()).toBe(false);
  });
});
