import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { configurePage, stable } from '../testing/page-testing';
import { type Choice, ChoiceSelect, offeredOrFirst, offeredOrFirstPick } from './choice-select';

@Component({
  imports: [ChoiceSelect],
  template: `
    <app-choice-select
      name="region"
      shownLabel
      label="Region"
      placeholder="Choose a region"
      [choices]="choices"
      [(value)]="region"
    />
    <app-choice-select name="status" clearable label="Status" [choices]="choices" [(value)]="status" />
  `,
})
class Host {
  readonly choices: Choice[] = [{ value: 's1', label: 'Street one' }];
  readonly region = signal<string | null>(null);
  readonly status = signal<string | null>(null);
}

describe('ChoiceSelect', () => {
  beforeEach(() => configurePage());

  it('shows its placeholder while nothing is picked, a clearable one its label', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const placeholder = (testId: string) =>
      root.querySelector(`[data-testid="${testId}"] .ant-select-selection-placeholder`)?.textContent?.trim();
    expect(placeholder('region')).toBe('Choose a region');
    expect(placeholder('status')).toBe('Status');
    expect(root.querySelector('label[for="region"]')?.classList).not.toContain('sr-only');
    expect(root.querySelector('label[for="status"]')?.classList).toContain('sr-only');
  });
});

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
