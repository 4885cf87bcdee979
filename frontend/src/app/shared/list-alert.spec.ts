import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { dom, stable } from '../testing/page-testing';
import { type AlertNote, ListAlert } from './list-alert';

@Component({
  imports: [ListAlert],
  template: `<app-list-alert [alert]="note()" />`,
})
class Host {
  readonly note = signal<AlertNote>({
    type: 'warning',
    message: '不符合条件',
    lines: [{ text: '组织未认证', code: 'not_verified' }, { text: '等级过低' }],
    testId: 'why-not',
  });
}

describe('ListAlert', () => {
  it('shows the message over its lines, each line with its code, and the intro when given', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    let alert = page.el('why-not')!;
    expect(alert.querySelector('.ant-alert-warning')).not.toBeNull();
    expect(page.text('why-not')).toContain('不符合条件');
    const lines = [...alert.querySelectorAll('li')];
    expect(lines.map((li) => li.textContent?.trim())).toEqual(['组织未认证', '等级过低']);
    expect(lines.map((li) => li.getAttribute('data-reason'))).toEqual(['not_verified', null]);
    expect(alert.querySelector('p')).toBeNull();

    fixture.componentInstance.note.update((n) => ({ ...n, intro: '等待街道审核' }));
    await stable(fixture);
    alert = page.el('why-not')!;
    expect(alert.querySelector('p')?.textContent).toContain('等待街道审核');
  });

  it('is a plain alert when it has neither intro nor lines', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.note.set({ type: 'success', message: '符合条件', testId: 'ok' });
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    expect(page.text('ok')).toContain('符合条件');
    expect(page.el('ok')!.querySelector('.ant-alert-success')).not.toBeNull();
    expect(page.el('ok')!.querySelector('.ant-alert-description')).toBeNull();
    expect(page.el('ok')!.querySelector('ul')).toBeNull();
  });
});
