import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { dom, stable } from '../testing/page-testing';
import { InlineForm, type InlineFormSpec } from './inline-form';

@Component({
  imports: [InlineForm],
  template: `<app-inline-form [of]="spec" [busy]="busy()" (submitted)="sent = sent + 1" />`,
})
class Host {
  readonly spec: InlineFormSpec = {
    form: new FormGroup({
      reason: new FormControl('', { nonNullable: true, validators: Validators.required }),
    }),
    fields: [{ name: 'reason', id: 'c-reason', label: 'procurement.complaints.reason', testId: 'c-reason' }],
    submit: 'procurement.complaints.lodge',
    testId: 'c-lodge',
    danger: true,
  };
  readonly busy = signal(false);
  sent = 0;
}

describe('InlineForm', () => {
  it('draws the declared fields and a submit in the declared words, busy while its call runs', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    expect(page.el('c-reason')).not.toBeNull();
    const submit = page.el('c-lodge')!;
    expect(submit.getAttribute('type')).toBe('submit');
    expect(submit.classList).toContain('ant-btn-dangerous');
    expect(submit.textContent?.trim()).not.toBe('');

    submit.click();
    await stable(fixture);
    expect(fixture.componentInstance.sent).toBe(1);

    fixture.componentInstance.busy.set(true);
    await stable(fixture);
    expect(page.el('c-lodge')!.classList).toContain('ant-btn-loading');
  });
});
