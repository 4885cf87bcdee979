import { signal } from '@angular/core';
import { offeredOrFirst, offeredOrFirstPick } from './choice-select';

const scopes = (...ids: string[]) => ids.map((id) => ({ id }));

describe('offeredOrFirst', () => {
  it('keeps the pick while it is offered, else takes the first offered, else none', () => {
    expect(offeredOrFirst('b', scopes('a', 'b'))).toBe('b');
    expect(offeredOrFirst('c', scopes('a', 'b'))).toBe('a');
    expect(offeredOrFirst(null, scopes('a', 'b'))).toBe('a');
    expect(offeredOrFirst('a', [])).toBeNull();
  });
});

describe('offeredOrFirstPick', () => {
  it('starts on the first offered, keeps what the user picks while it stays offered, and follows the offer', () => {
    const offered = signal(scopes('a', 'b'));
    const picked = offeredOrFirstPick(offered);
    expect(picked()).toBe('a');

    picked.set('b');
    offered.set(scopes('c', 'b'));
    expect(picked()).toBe('b');

    offered.set(scopes('c'));
    expect(picked()).toBe('c');
    offered.set([]);
    expect(picked()).toBeNull();
  });
});
