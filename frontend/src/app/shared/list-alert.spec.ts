import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { dom, stable } from '../testing/page-testing';
import { ListAlert, type ListAlertLine } from './list-alert';

@Component({
  imports: [ListAlert],
  template: `<app-list-alert
    type="warning"
    message="不符合条件"
    [intro]="intro()"
    [items]="items()"
    testId="why-not"
  />`,
})
class Host {
  readonly intro = signal<string | undefined>(undefined);
  readonly items = signal<readonly ListAlertLine[]>([
    { text: '组织未认证', code: 'not_verified' },
    { text: '等级过低' },
  ]);
}

describe('ListAlert', () => {
  it('shows the message over its lines, each line with its code, and the intro when given', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const page = dom(fixture.nativeElement as HTMLElement);
    const alert = page.el('why-not')!;
    expect(alert.querySelector('.ant-alert-warning')).not.toBeNull();
    expect(page.text('why-not')).toContain('不符合条件');
    const lines = [...alert.querySelectorAll('li')];
    expect(lines.map((li) => li.textContent?.trim())).toEqual(['组织未认证', '等级过低']);
    expect(lines.map((li) => li.getAttribute('data-reason'))).toEqual(['not_verified', null]);
    expect(alert.querySelector('p')).toBeNull();

    fixture.componentInstance.intro.set('等待街道审核');
    await stable(fixture);
    expect(alert.querySelector('p')?.textContent).toContain('等待街道审核');
  });
});
