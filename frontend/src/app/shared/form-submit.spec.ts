import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { stable } from '../testing/page-testing';
import { FormSubmit } from './form-submit';
import type { ActionState } from './run-action';

@Component({
  imports: [FormSubmit],
  template: `
    <form (submit)="$event.preventDefault(); sent.set(sent() + 1)">
      <app-form-submit label="Send" testId="send" errorTestId="send-error" [action]="action" />
    </form>
    <app-form-submit
      type="button"
      label="Save"
      testId="save"
      [action]="action"
      [showError]="false"
      [block]="false"
      (pressed)="pressed.set(pressed() + 1)"
    />
  `,
})
class Host {
  readonly sent = signal(0);
  readonly pressed = signal(0);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly action: ActionState = { busy: this.busy, error: this.error };
}

describe('FormSubmit', () => {
  it("submits its form, or as a plain button runs the page's save; busy and failing with the action", async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const host = fixture.componentInstance;
    const root = fixture.nativeElement as HTMLElement;
    const button = (id: string) => root.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
    expect(button('send').type).toBe('submit');
    expect(button('send').classList).toContain('ant-btn-block');
    expect(button('save').type).toBe('button');
    expect(button('save').classList).not.toContain('ant-btn-block');

    button('send').click();
    expect(host.sent()).toBe(1);
    button('save').click();
    expect(host.pressed()).toBe(1);
    expect(host.sent()).toBe(1);

    host.busy.set(true);
    host.error.set('Refused');
    await stable(fixture);
    expect(button('save').classList).toContain('ant-btn-loading');
    expect(root.querySelector('[data-testid="send-error"]')?.textContent).toContain('Refused');
    expect(root.querySelectorAll('nz-alert, [role="alert"]').length).toBeGreaterThan(0);
  });
});
