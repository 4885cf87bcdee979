import { HttpTestingController } from '@angular/common/http/testing';
import { DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { configurePage, signedInAs } from '../testing/page-testing';
import { settle } from '../testing/fixtures';
import { NotificationCenter, POLL_MS } from './notification-center';

describe('NotificationCenter', () => {
  let backend: HttpTestingController;
  let destroy: () => void;

  const start = () => {
    const callbacks: (() => void)[] = [];
    const ref = { onDestroy: (fn: () => void) => callbacks.push(fn) } as unknown as DestroyRef;
    destroy = () => callbacks.forEach((fn) => fn());
    const center = TestBed.inject(NotificationCenter);
    center.start(ref);
    return center;
  };

  afterEach(() => {
    destroy?.();
    jest.useRealTimers();
  });

  it('reads the count when started, on each navigation and every poll, and stops with its owner', async () => {
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'queueMicrotask', 'nextTick', 'setImmediate'] });
    const auth = configurePage();
    signedInAs(auth);
    backend = TestBed.inject(HttpTestingController);
    const center = start();
    TestBed.tick();
    backend.expectOne('/api/me/notifications/unread-count').flush({ count: 3 });
    await settle();
    expect(center.unread()).toBe(3);

    await TestBed.inject(Router).navigateByUrl('/');
    backend.expectOne('/api/me/notifications/unread-count').flush({ count: 4 });
    await settle();
    expect(center.unread()).toBe(4);

    jest.advanceTimersByTime(POLL_MS);
    backend.expectOne('/api/me/notifications/unread-count').flush({ count: 0 });
    await settle();
    expect(center.unread()).toBe(0);

    destroy();
    jest.advanceTimersByTime(POLL_MS * 2);
    backend.expectNone('/api/me/notifications/unread-count');
  });

  it('asks nothing while signed out, and keeps the last count when a call fails', async () => {
    const auth = configurePage();
    backend = TestBed.inject(HttpTestingController);
    const center = start();
    TestBed.tick();
    backend.expectNone('/api/me/notifications/unread-count');
    expect(center.unread()).toBe(0);

    signedInAs(auth);
    TestBed.tick();
    backend.expectOne('/api/me/notifications/unread-count').flush({ count: 2 });
    await settle();
    expect(center.unread()).toBe(2);
    void center.refresh();
    backend
      .expectOne('/api/me/notifications/unread-count')
      .flush({ code: 'x', message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(center.unread()).toBe(2);
    center.set(-1);
    expect(center.unread()).toBe(0);
  });
});
