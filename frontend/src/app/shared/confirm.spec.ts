import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { awaitConfirmation } from '../testing/page-testing';
import { Confirm, provideConfirm } from './confirm';

@Component({ template: '', providers: [provideConfirm()] })
class Asker {
  readonly confirm = inject(Confirm);
}

describe('Confirm', () => {
  const ask = () => {
    const fixture = TestBed.createComponent(Asker);
    const answer = fixture.componentInstance.confirm.ask({
      title: '发布此招标？',
      facts: [
        { label: '招标项目', value: '<b>居家养老</b>' },
        { label: '预算上限', value: '¥96,000.00' },
      ],
      consequence: '发布不能撤回。',
      ok: '确认发布',
    });
    return { fixture, answer };
  };

  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = '')));

  it('states the facts, as text, and the consequence; confirming resolves true', async () => {
    const { fixture, answer } = ask();
    const open = await awaitConfirmation(fixture);
    expect(open.text).toContain('发布此招标？');
    expect(open.text).toContain('招标项目');
    // A title typed by a user is shown as it was typed, never as markup.
    expect(open.text).toContain('<b>居家养老</b>');
    expect(open.text).toContain('¥96,000.00');
    expect(open.text).toContain('发布不能撤回。');
    expect(open.text).toContain('确认发布');
    open.confirm();
    await expect(answer).resolves.toBe(true);
  });

  it('resolves false when dismissed', async () => {
    const { fixture, answer } = ask();
    (await awaitConfirmation(fixture)).dismiss();
    await expect(answer).resolves.toBe(false);
  });
});
