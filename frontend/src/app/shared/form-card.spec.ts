import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { dom, stable } from '../testing/page-testing';
import { FieldsForm, FormCard, FormCardSubmit } from './form-card';
import type { Field } from './form-fields';

@Component({
  imports: [FormCard],
  template: `
    <app-form-card
      name="open"
      heading="Open a consultation"
      [form]="form"
      [fields]="fields"
      [errorAbove]="errorAbove()"
      [narrowSubmit]="narrowSubmit()"
      [grid]="grid()"
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
  readonly errorAbove = signal(false);
  readonly narrowSubmit = signal(false);
  readonly grid = signal(false);
  sent = 0;
}

@Component({
  imports: [FormCard, FormCardSubmit, ReactiveFormsModule],
  template: `
    <app-form-card
      name="invite"
      formTestId="invite-box"
      heading="Invite"
      [form]="form"
      errorAbove
      narrowSubmit
      submitLabel="Send"
      [action]="action"
      (submitted)="sent = sent + 1"
    >
      <p aboveForm class="facts">What the form edits</p>
      <div class="beside">
        <input [formControl]="form.controls.title" data-testid="invite-title" />
        <app-form-card-submit />
      </div>
    </app-form-card>
  `,
})
class BesideHost {
  readonly form = new FormGroup({ title: new FormControl('', { nonNullable: true }) });
  readonly action = { busy: signal(false), error: signal<string | null>(null) };
  sent = 0;
}

@Component({
  imports: [FieldsForm],
  template: `
    <app-fields-form
      formTestId="post"
      [form]="form"
      [fields]="fields"
      errorAbove
      narrowSubmit
      submitLabel="Post"
      submitTestId="post-submit"
      [action]="posting"
      errorTestId="post-error"
      (submitted)="sent = sent + 1"
    />
  `,
})
class PlainHost {
  readonly form = new FormGroup({ title: new FormControl('', { nonNullable: true }) });
  readonly fields: Field[] = [
    { name: 'title', label: 'participation.title', id: 'p-title', testId: 'post-title' },
  ];
  readonly posting = { busy: signal(false), error: signal<string | null>(null) };
  sent = 0;
}

describe('FieldsForm', () => {
  it('is the form of a card without the card: fields, failure, busy submit', async () => {
    const fixture = TestBed.createComponent(PlainHost);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const page = dom(root);
    expect(root.querySelector('.ant-card')).toBeNull();
    expect(page.el('post')!.querySelector('[data-testid="post-title"]')).not.toBeNull();
    page.click('post-submit');
    await stable(fixture);
    expect(fixture.componentInstance.sent).toBe(1);

    fixture.componentInstance.posting.busy.set(true);
    fixture.componentInstance.posting.error.set('Refused');
    await stable(fixture);
    expect(page.el('post-submit')!.classList).toContain('ant-btn-loading');
    expect(page.text('post-error')).toContain('Refused');
  });
});

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

  it('shows the failure above the fields, a narrow submit, and the fields in a grid when asked', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    const host = fixture.componentInstance;
    expect(page.el('open-submit')!.classList).toContain('ant-btn-block');
    host.errorAbove.set(true);
    host.narrowSubmit.set(true);
    host.grid.set(true);
    host.action.error.set('Refused');
    await stable(fixture);
    const form = page.el('open-form')!;
    const error = page.el('open-error')!;
    expect(
      error.compareDocumentPosition(page.el('open-title')!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(form.querySelectorAll('[data-testid="open-error"]')).toHaveLength(1);
    expect(page.el('open-submit')!.classList).not.toContain('ant-btn-block');
    expect(page.el('open-title')!.closest('.grid')).not.toBeNull();
  });

  it('draws the submit where the page places it (not at the foot) and what stands above the form', async () => {
    const fixture = TestBed.createComponent(BesideHost);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    const form = page.el('invite-box')!;
    expect(form.querySelectorAll('button[type="submit"]')).toHaveLength(1);
    const facts = (fixture.nativeElement as HTMLElement).querySelector('.facts')!;
    expect(facts.closest('.ant-card')).not.toBeNull();
    expect(facts.closest('form')).toBeNull();
    expect(page.el('invite-submit')!.closest('.beside')).not.toBeNull();
    expect(page.el('invite-submit')!.textContent).toContain('Send');

    page.click('invite-submit');
    await stable(fixture);
    expect(fixture.componentInstance.sent).toBe(1);

    fixture.componentInstance.action.error.set('Refused');
    await stable(fixture);
    expect(page.text('invite-error')).toContain('Refused');
  });
});
