import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { stable } from '../testing/page-testing';
import { ReasonForm } from './reason-form';
import { REASON_RULES, reasonForm, reasonRule } from './reason-rules';

@Component({
  imports: [ReasonForm],
  template: `<app-reason-form
    [form]="form"
    fieldId="why"
    label="Why"
    kind="residentRefusal"
    submitLabel="Refuse"
    testId="refuse"
    (submitted)="sent.set(sent() + 1)"
    (dismissed)="dismissed.set(true)"
  />`,
})
class Host {
  readonly form = reasonForm('residentRefusal');
  readonly sent = signal(0);
  readonly dismissed = signal(false);
}

@Component({
  imports: [ReasonForm],
  template: `<app-reason-form
    [form]="form"
    label="Why"
    rule="Say why"
    submitLabel="Revoke"
    testId="revoke"
  />`,
})
class UnnamedHost {
  readonly form = reasonForm('grantRevoke');
}

describe('reason rules', () => {
  it("keeps each kind of reason within the API's limits", () => {
    const form = reasonForm('objection');
    form.setValue({ reason: '' });
    expect(form.valid).toBe(false);
    form.setValue({ reason: 'x'.repeat(REASON_RULES.objection.min - 1) });
    expect(form.valid).toBe(false);
    form.setValue({ reason: 'x'.repeat(REASON_RULES.objection.min) });
    expect(form.valid).toBe(true);
    form.setValue({ reason: 'x'.repeat(REASON_RULES.objection.max + 1) });
    expect(form.valid).toBe(false);
  });

  it('says the limits in the user’s language', () => {
    const i18n = TestBed.inject(I18n);
    expect(reasonRule('residentRefusal', i18n.t)).toBe('请填写理由（2–500 字）');
    expect(reasonRule('serviceRecord', i18n.t)).toBe('请填写理由（2–1000 字）');
  });

  it('ReasonForm shows the rule of its kind when the reason breaks it, and submits', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const input = root.querySelector<HTMLTextAreaElement>('[data-testid="refuse-reason"]')!;
    input.value = 'x';
    input.dispatchEvent(new Event('input'));
    fixture.componentInstance.form.controls.reason.markAsDirty();
    fixture.componentInstance.form.controls.reason.updateValueAndValidity();
    await stable(fixture);
    expect(root.textContent).toContain('请填写理由（2–500 字）');
    root.querySelector<HTMLButtonElement>('[data-testid="refuse-confirm"]')!.click();
    await stable(fixture);
    expect(fixture.componentInstance.sent()).toBe(1);
  });

  it('ReasonForm names its reason by its test ids unless given an id, and labels it', async () => {
    const fixture = TestBed.createComponent(UnnamedHost);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="revoke-reason"]')!.id).toBe('revoke-reason');
    expect(root.querySelector('label')!.getAttribute('for')).toBe('revoke-reason');
    const named = TestBed.createComponent(Host);
    await stable(named);
    expect((named.nativeElement as HTMLElement).querySelector('[data-testid="refuse-reason"]')!.id).toBe(
      'why',
    );
  });
});
