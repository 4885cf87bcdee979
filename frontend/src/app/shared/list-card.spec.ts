import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { stable } from '../testing/page-testing';
import { ListCard } from './list-card';

@Component({
  imports: [ListCard],
  template: `<ul>
    <li
      app-list-card
      heading="Home care"
      [meta]="['王芳', null, '2026-03-01']"
      tag="Approved"
      tagColor="green"
      tagTestId="status"
    >
      <span head class="extra">extra</span>
      <p class="body">details</p>
    </li>
    <li app-list-card heading="Plain"></li>
  </ul>`,
})
class Host {}

describe('ListCard', () => {
  it('shows the title, the meta that is there, the status tag, and the projected head and body', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const [first, second] = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('li'));
    const head = first.querySelector('.head')!;
    expect(head.querySelector('strong')!.textContent).toBe('Home care');
    expect(Array.from(head.querySelectorAll('.muted')).map((m) => m.textContent)).toEqual([
      '王芳',
      '2026-03-01',
    ]);
    const tag = head.querySelector('nz-tag')!;
    expect(tag.textContent?.trim()).toBe('Approved');
    expect(tag.getAttribute('data-testid')).toBe('status');
    expect(head.querySelector('.extra')).not.toBeNull();
    expect(first.querySelector(':scope > .body')!.textContent).toBe('details');
    expect(second.querySelector('nz-tag')).toBeNull();
    expect(second.querySelectorAll('.muted')).toHaveLength(0);
  });
});
