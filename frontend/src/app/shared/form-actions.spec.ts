import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { stable } from '../testing/page-testing';
import { FormActions } from './form-actions';

@Component({
  imports: [FormActions],
  template: `<form (submit)="$event.preventDefault(); sent.set(sent() + 1)">
    <app-form-actions
      submitLabel="Refuse"
      submitTestId="refuse-confirm"
      [busy]="busy()"
      danger
      (cancelled)="cancelled.set(true)"
    />
  </form>`,
})
class Host {
  readonly sent = signal(0);
  readonly cancelled = signal(false);
  readonly busy = signal(false);
}

describe('FormActions', () => {
  it('submits the form it stands in, cancels, and shows the submit busy', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const [cancel, submit] = Array.from(root.querySelectorAll('button'));
    expect(submit.getAttribute('data-testid')).toBe('refuse-confirm');
    expect(submit.textContent?.trim()).toBe('Refuse');
    expect(submit.classList).toContain('ant-btn-dangerous');
    expect(cancel.textContent?.trim()).toBe('取消');

    submit.click();
    expect(fixture.componentInstance.sent()).toBe(1);
    cancel.click();
    expect(fixture.componentInstance.cancelled()).toBe(true);
    expect(fixture.componentInstance.sent()).toBe(1);

    fixture.componentInstance.busy.set(true);
    await stable(fixture);
    expect(submit.classList).toContain('ant-btn-loading');
  });
});
