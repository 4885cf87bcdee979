import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { dom, stable } from '../testing/page-testing';
import { FormCard } from './form-card';
import type { Field } from './form-fields';

@Component({
  imports: [FormCard],
  template: `
    <app-form-card
      name="open"
      heading="Open a consultation"
      [form]="form"
      [fields]="fields"
      submitLabel="Open"
      [action]="action"
      (submitted)="sent = sent + 1"
    >
      <p class="extra">after the fields</p>
    </app-form-card>
  `,
})
class Host {
  readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: Validators.required }),
  });
  readonly fields: Field[] = [
    { name: 'title', label: 'participation.title', id: 'c-title', testId: 'open-title' },
  ];
  readonly action = { busy: signal(false), error: signal<string | null>(null) };
  sent = 0;
}

describe('FormCard', () => {
  it('shows the heading, the fields and what is projected, submits, and shows the failure', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const page = dom(root);
    expect(root.querySelector('.ant-card-head-title')!.textContent).toContain('Open a consultation');
    expect(page.el('open-form')!.querySelector('[data-testid="open-title"]')).not.toBeNull();
    expect(page.el('open-form')!.querySelector('.extra')).not.toBeNull();

    page.click('open-submit');
    await stable(fixture);
    expect(fixture.componentInstance.sent).toBe(1);

    fixture.componentInstance.action.error.set('Refused');
    await stable(fixture);
    expect(page.text('open-error')).toContain('Refused');
  });
});
