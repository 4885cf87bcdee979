import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { settle } from '../testing/fixtures';
import type { CursorPage } from './pages';
import { Action } from './run-action';
import { listOf, loadEach, loadMore } from './list-of';

describe('paged lists of a scope', () => {
  const quiet = { success: () => undefined as never, error: () => undefined as never };

  it('reads the chosen scope’s pages, anew when the scope changes, and nothing without one', async () => {
    const asked: [string, { cursor?: string }][] = [];
    const scope = signal<string | null>('c1');
    const pages: Record<string, CursorPage<{ id: string }>> = {
      c1: { items: [{ id: 'a' }], nextCursor: 'n1' },
      c2: { items: [{ id: 'b' }], nextCursor: null },
    };
    const lists = listOf(scope, (id, cursor) => {
      asked.push([id, cursor]);
      return Promise.resolve(cursor.cursor ? { items: [{ id: 'a2' }], nextCursor: null } : pages[id]);
    });
    const loader = new Action(TestBed.inject(I18n).t, quiet);
    runInInjectionContext(TestBed.inject(Injector), () => loadEach(() => [lists()], loader));
    TestBed.tick();
    await settle();
    expect(lists().items()).toEqual([{ id: 'a' }]);
    await loadMore(lists(), loader);
    expect(lists().items()).toEqual([{ id: 'a' }, { id: 'a2' }]);

    scope.set('c2');
    TestBed.tick();
    await settle();
    expect(lists().items()).toEqual([{ id: 'b' }]);
    expect(asked).toEqual([
      ['c1', {}],
      ['c1', { cursor: 'n1' }],
      ['c2', {}],
    ]);

    scope.set(null);
    TestBed.tick();
    await settle();
    expect(lists().items()).toEqual([]);
    expect(asked).toHaveLength(3);
  });

  it('shows a failed first or next page in the loader’s error', async () => {
    const loader = new Action(TestBed.inject(I18n).t, quiet);
    const failing = listOf(
      () => 'c1',
      () => Promise.reject(new HttpErrorResponse({ status: 0 })),
    );
    runInInjectionContext(TestBed.inject(Injector), () => loadEach(() => [failing()], loader));
    TestBed.tick();
    await settle();
    expect(loader.error()).toBe(TestBed.inject(I18n).t('errors.network'));
    expect(loader.busy()).toBe(false);
  });
});
