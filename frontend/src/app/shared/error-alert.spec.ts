import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { dom, stable } from '../testing/page-testing';
import { ErrorAlert } from './error-alert';

@Component({
  imports: [ErrorAlert],
  template: `<app-error-alert [message]="error()" [code]="code()" testId="save-error" />`,
})
class Host {
  readonly error = signal<string | null>(null);
  readonly code = signal<string | null>(null);
}

describe('ErrorAlert', () => {
  it('shows nothing until there is a failure, then the message with its test id and code', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    expect(page.el('save-error')).toBeNull();
    expect((fixture.nativeElement as HTMLElement).querySelector('nz-alert')).toBeNull();

    fixture.componentInstance.error.set('额度不足');
    fixture.componentInstance.code.set('BUDGET_EXCEEDED');
    await stable(fixture);
    expect(page.text('save-error')).toContain('额度不足');
    expect(page.el('save-error')!.getAttribute('data-code')).toBe('BUDGET_EXCEEDED');
    expect(page.el('save-error')!.querySelector('.ant-alert-error')).not.toBeNull();

    fixture.componentInstance.error.set(null);
    await stable(fixture);
    expect(page.el('save-error')).toBeNull();
  });
});
