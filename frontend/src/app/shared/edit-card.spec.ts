import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { dom, stable } from '../testing/page-testing';
import { EditCard } from './edit-card';

@Component({
  imports: [EditCard],
  template: `<app-edit-card
    testId="thing-form"
    title="Edit"
    submitLabel="Save"
    [action]="saving"
    (submitted)="saved.set(saved() + 1)"
    (cancelled)="cancelled.set(true)"
  >
    <input data-testid="thing-name" />
  </app-edit-card>`,
})
class Host {
  readonly saved = signal(0);
  readonly cancelled = signal(false);
  readonly saving = { busy: signal(false), error: signal<string | null>(null) };
}

describe('EditCard', () => {
  it('draws the fields, saves on submit or Enter, cancels, and says what the save failed with', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement);
    const host = fixture.componentInstance;
    expect(page.el('thing-form')?.textContent).toContain('Edit');
    expect(page.el('thing-form-error')).toBeNull();

    page.click('thing-form-submit');
    expect(host.saved()).toBe(1);
    page
      .el('thing-name')!
      .closest('form')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    expect(host.saved()).toBe(2);
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type="button"]')!.click();
    expect(host.cancelled()).toBe(true);

    host.saving.error.set('Refused');
    host.saving.busy.set(true);
    await stable(fixture);
    expect(page.text('thing-form-error')).toBe('Refused');
    expect(page.el('thing-form-submit')!.classList).toContain('ant-btn-loading');
  });
});
