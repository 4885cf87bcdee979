import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { configurePage, stable } from '../testing/page-testing';
import { BusyButton } from './busy-button';

@Component({
  imports: [BusyButton],
  template: `
    <app-busy-button
      kind="link"
      icon="download"
      label="Download"
      testId="download"
      [busy]="busy()"
      (pressed)="pressed.set(pressed() + 1)"
    />
    <app-busy-button label="Plain" testId="plain" />
    <app-busy-button small danger label="Report" testId="report" [disabled]="blocked()" />
  `,
})
class Host {
  readonly busy = signal(false);
  readonly blocked = signal(true);
  readonly pressed = signal(0);
}

describe('BusyButton', () => {
  it('runs the step on a press, shows its icon and text, and is busy while the step runs', async () => {
    configurePage();
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const button = root.querySelector<HTMLButtonElement>('[data-testid="download"]')!;
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    expect(button.textContent?.trim()).toBe('Download');
    expect(button.classList).toContain('ant-btn-link');
    expect(button.querySelector('nz-icon')).not.toBeNull();
    const plain = root.querySelector<HTMLButtonElement>('[data-testid="plain"]')!;
    expect(plain.classList).not.toContain('ant-btn-link');
    expect(plain.querySelector('nz-icon')).toBeNull();

    button.click();
    expect(fixture.componentInstance.pressed()).toBe(1);

    fixture.componentInstance.busy.set(true);
    await stable(fixture);
    expect(button.classList).toContain('ant-btn-loading');
  });

  it('is small, red or disabled when asked', async () => {
    configurePage();
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const report = root.querySelector<HTMLButtonElement>('[data-testid="report"]')!;
    expect(report.classList).toContain('ant-btn-sm');
    expect(report.classList).toContain('ant-btn-dangerous');
    expect(report.disabled).toBe(true);
    const plain = root.querySelector<HTMLButtonElement>('[data-testid="plain"]')!;
    expect(plain.classList).not.toContain('ant-btn-sm');
    expect(plain.classList).not.toContain('ant-btn-dangerous');
    expect(plain.disabled).toBe(false);

    fixture.componentInstance.blocked.set(false);
    await stable(fixture);
    expect(report.disabled).toBe(false);
  });
});
